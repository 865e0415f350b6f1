package dev.palimpsest.provenance;

import dev.palimpsest.diff.SequenceDiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who wrote each token of an article, revision after revision, as WikiWho finds it (Flöck and Acosta, "WikiWho:
 * Precise and Efficient Attribution of Authorship of Revisioned Content", WWW 2014). Every token the article ever
 * held has a number and the revision that introduced it; a new revision's text is matched against what the article
 * held, coarsest first:
 * <ol>
 *   <li>each paragraph whose content was seen before (in the revision compared with, else its earliest instance
 *   anywhere in the history) takes that paragraph's tokens, as long as none of them is already taken in this
 *   revision;</li>
 *   <li>each sentence of the other paragraphs likewise;</li>
 *   <li>the tokens of the sentences still unmatched are diffed against the tokens of the revision compared with
 *   that nothing took: equal ones keep their numbers, except one or two equal tokens between two rewrites (a
 *   coincidence: {@link #ISLAND_TOKENS}, {@link #ISLAND_FLANK});</li>
 *   <li>runs still new of at least {@link #REVIVED_RUN} tokens and {@link #REVIVED_WORDS} words that equal tokens
 *   removed lately are those tokens again; the rest are new, introduced by this revision.</li>
 * </ol>
 * So text moved keeps its tokens, text removed and put back later gets its first author back (whole sentences or
 * paragraphs from the whole history, changed ones from the last {@link #REMOVED_KEPT} tokens removed), and a text
 * seen before (an identity revert) gets exactly the numbers it had. The earliest instance, the word count of a
 * revived run and the coincidences are this class's additions to WikiWho, each from a mistake found in the gold
 * set (docs/provenance-gold-set.md).
 *
 * <p>Vandalism is kept from becoming the reference the next revision is compared with, as WikiWho does: a revision
 * that deletes more than {@link #VANDAL_DELETED_SHARE} of the text before it when that was longer than
 * {@link #LONG_TEXT} characters, or whose new tokens repeat themselves more than {@link #VANDAL_REPETITION} times
 * on average (at least {@link #VANDAL_REPETITION_MIN_TOKENS} of them). It is still attributed (its readers are owed an answer); its new
 * paragraphs and sentences are remembered too, so a large legitimate rewrite keeps its author at those levels.
 *
 * <p>Revisions must be given in edit order. Not thread-safe: one per article, used by one thread at a time.
 */
public final class ArticleProvenance {

    /** Texts longer than this (in characters) are protected against blanking by {@link #VANDAL_DELETED_SHARE}. */
    public static final int LONG_TEXT = 1000;
    /** A revision deleting more than this share of a long text does not become the reference (WikiWho: 40 %). */
    public static final double VANDAL_DELETED_SHARE = 0.40;
    /** New tokens repeating themselves more than this many times on average mark vandalism (WikiWho: 20). */
    public static final double VANDAL_REPETITION = 20;
    /** ...when there are at least this many new tokens. */
    public static final int VANDAL_REPETITION_MIN_TOKENS = 40;

    /** Tokens still new are looked for among those removed lately in runs of at least this many. */
    public static final int REVIVED_RUN = 3;
    /** ...and of at least this many words: "[[Max Stirner]]" or "form of anarchism" are not enough. */
    public static final int REVIVED_WORDS = 4;
    /** An equal stretch of at most this many tokens between two rewrites is a coincidence, not words kept. */
    public static final int ISLAND_TOKENS = 2;
    /** ...when the replacement on either side has at least this many tokens (deleted and inserted together). */
    public static final int ISLAND_FLANK = 4;
    /** How many of the tokens removed last are looked among (the latest removals win). */
    public static final int REMOVED_KEPT = 20_000;

    private final ContentHash.Hasher hasher = new ContentHash.Hasher();
    private final Map<String, Integer> vocabulary = new HashMap<>();
    /** The codes of {@link #vocabulary} that are words (letters or digits), not punctuation or markup. */
    private final java.util.BitSet wordCodes = new java.util.BitSet();
    /** Per token number: its value's code in {@link #vocabulary}. */
    private int[] valueOf = new int[1024];
    /** Per token number: the last round it was taken in ({@link #round} is the current one). */
    private int[] takenIn = new int[1024];
    private int tokens;
    private int round;
    /** The revisions that introduced tokens, in order, with the first number each introduced. */
    private long[] originRevision = new long[64];
    private int[] originFirst = new int[64];
    private int origins;
    private final Map<ContentHash, List<Paragraph>> paragraphs = new HashMap<>();
    private final Map<ContentHash, List<SentenceRef>> sentences = new HashMap<>();
    /** Per text ever attributed (by its tokens): the first revision (index into {@link #stored}) that had it. */
    private final Map<ContentHash, Integer> revisionByText = new HashMap<>();
    /** Every attributed revision's tokens as stored: whole at each checkpoint, else changes to the one before. */
    private final List<byte[]> stored = new ArrayList<>();
    private int[] lastNumbers = new int[0];
    private long storedBytes;
    private long heldNumbers;
    private long paragraphCount;
    private long sentenceCount;
    /** Tokens the reference revisions lost, oldest first: see {@code revive}. */
    private int[] removed = new int[1024];
    private int removedCount;
    /**
     * Where each run of three removed token values last starts in {@link #removed} (later removals win), kept up
     * to date as tokens are removed rather than built for every revision.
     */
    private final Map<Long, Integer> removedByTrigram = new HashMap<>();
    private int removedIndexed;
    private List<Paragraph> reference = List.of();
    /** The length of the revision attributed last, whatever it was. */
    private int previousLength;
    private long revisions;

    /** Attributes the next revision of the article, {@code revision} being the caller's name for it. */
    public Attribution attribute(long revision, String text) {
        round++;
        revisions++;
        ContentHash whole = hasher.ofRegion(text, 0, text.length());
        Integer earlier = revisionByText.get(whole);
        List<Paragraph> layout = earlier == null ? null : layoutOf(text, tokensOf(earlier));
        int firstAdded = tokens;
        boolean dense = false;
        if (layout == null) {
            Matching matching = new Matching(text);
            layout = matching.layout();
            dense = matching.repetitive();
        }
        int[] numbers = concatenate(layout);
        int added = tokens - firstAdded;
        if (added > 0) {
            addOrigin(revision, firstAdded);
        }
        int index = stored.size();
        boolean checkpoint = TokenRuns.storedWhole(index);
        byte[] encoded = checkpoint ? TokenRuns.encode(numbers) : TokenRuns.encodeAgainst(lastNumbers, numbers);
        stored.add(encoded);
        storedBytes += encoded.length;
        lastNumbers = numbers;
        revisionByText.putIfAbsent(whole, index);
        // against the revision just before, not the reference: after a huge addition became the reference, every
        // ordinary revision would otherwise look like a blanking of it
        boolean blanking = previousLength > LONG_TEXT && text.length() < (1 - VANDAL_DELETED_SHARE) * previousLength;
        previousLength = text.length();
        boolean becomesReference = !blanking && !dense;
        if (becomesReference) {
            take(numbers, 0, numbers.length);
            rememberRemoved(reference);
            reference = layout;
        }
        return new Attribution(revision, index, numbers, encoded, checkpoint, firstAdded, added, becomesReference);
    }

    /** The tokens of the {@code index}th revision attributed (from 0), from what was stored of it. */
    public int[] tokensOf(int index) {
        int checkpoint = index - index % TokenRuns.CHECKPOINT_EVERY;
        int[] numbers = null;
        for (int i = checkpoint; i <= index; i++) {
            numbers = TokenRuns.decodeStored(i, numbers, stored.get(i));
        }
        return numbers;
    }

    /** Adds the tokens of {@code previous} that the revision of this round does not hold to the removed ones. */
    private void rememberRemoved(List<Paragraph> previous) {
        for (Paragraph paragraph : previous) {
            for (int number : paragraph.tokens) {
                if (takenIn[number] != round) {
                    if (removedCount == removed.length) {
                        removed = Arrays.copyOf(removed, removedCount * 2);
                    }
                    removed[removedCount++] = number;
                }
            }
        }
        if (removedCount > 2 * REMOVED_KEPT) {
            int[] kept = new int[Math.max(removed.length, 16)];
            int count = 0;
            for (int p = removedCount - REMOVED_KEPT; p < removedCount; p++) {
                if (takenIn[removed[p]] != round) {
                    kept[count++] = removed[p];
                }
            }
            removed = kept;
            removedCount = count;
            removedByTrigram.clear();
            removedIndexed = 0;
        }
    }

    /** Brings {@link #removedByTrigram} up to date with the removed tokens added since it last was. */
    private void indexRemoved() {
        for (; removedIndexed + REVIVED_RUN <= removedCount; removedIndexed++) {
            int p = removedIndexed;
            removedByTrigram.put(trigram(valueOf[removed[p]], valueOf[removed[p + 1]], valueOf[removed[p + 2]]), p);
        }
    }

    private static long trigram(int a, int b, int c) {
        return ((long) a * 0x9E3779B1L + b) * 0x9E3779B1L + c;
    }

    /** The revision that introduced token {@code number}. */
    public long originOf(int number) {
        if (number < 0 || number >= tokens) {
            throw new IllegalArgumentException("no token " + number + " in this article");
        }
        int index = Arrays.binarySearch(originFirst, 0, origins, number);
        return originRevision[index >= 0 ? index : -index - 2];
    }

    /** How many tokens the article has held, in all its revisions. */
    public int tokensEverHeld() {
        return tokens;
    }

    /**
     * About how much memory this state holds, in bytes: what a cache of states weighs them by. Counts the arrays
     * (paragraph tokens, per-token tables, stored revisions) and an overhead per remembered paragraph and sentence,
     * times 1.7: the whole Anarchism history's state counted 31 MB this way and retained 52 MB of heap.
     */
    public long approximateBytes() {
        return 17 * (8L * valueOf.length + 4L * removed.length + heldNumbers * 4L + storedBytes
                + 120L * paragraphCount + 64L * sentenceCount + 48L * stored.size() + 32L * vocabulary.size()) / 10;
    }

    /** How many revisions were attributed. */
    public long revisions() {
        return revisions;
    }

    /**
     * The paragraphs a text seen before is made of, with {@code numbers} its tokens then: found among the
     * paragraphs remembered; null when one is not (then the text is matched like any other).
     */
    private List<Paragraph> layoutOf(String text, int[] numbers) {
        int[] ranges = WikitextParagraphs.of(text);
        List<Paragraph> layout = new ArrayList<>(ranges.length / 2);
        int offset = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            Paragraph found = null;
            for (Paragraph candidate : paragraphs.getOrDefault(hasher.ofRegion(text, ranges[i], ranges[i + 1]),
                    List.of())) {
                int length = candidate.tokens.length;
                if (offset + length <= numbers.length
                        && Arrays.equals(candidate.tokens, 0, length, numbers, offset, offset + length)) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            layout.add(found);
            offset += found.tokens.length;
        }
        return offset == numbers.length ? layout : null;
    }

    private static int[] concatenate(List<Paragraph> layout) {
        int length = 0;
        for (Paragraph paragraph : layout) {
            length += paragraph.tokens.length;
        }
        int[] numbers = new int[length];
        int at = 0;
        for (Paragraph paragraph : layout) {
            System.arraycopy(paragraph.tokens, 0, numbers, at, paragraph.tokens.length);
            at += paragraph.tokens.length;
        }
        return numbers;
    }

    private void addOrigin(long revision, int first) {
        if (origins == originFirst.length) {
            originFirst = Arrays.copyOf(originFirst, origins * 2);
            originRevision = Arrays.copyOf(originRevision, origins * 2);
        }
        originFirst[origins] = first;
        originRevision[origins] = revision;
        origins++;
    }

    private int newToken(int valueCode) {
        if (tokens == valueOf.length) {
            valueOf = Arrays.copyOf(valueOf, tokens * 2);
            takenIn = Arrays.copyOf(takenIn, tokens * 2);
        }
        valueOf[tokens] = valueCode;
        takenIn[tokens] = round;
        return tokens++;
    }

    private int code(String value) {
        Integer code = vocabulary.get(value);
        if (code == null) {
            code = vocabulary.size();
            vocabulary.put(value, code);
            if (Character.isLetterOrDigit(value.codePointAt(0))) {
                wordCodes.set(code);
            }
        }
        return code;
    }

    private boolean free(int[] numbers, int from, int to) {
        for (int i = from; i < to; i++) {
            if (takenIn[numbers[i]] == round) {
                return false;
            }
        }
        return true;
    }

    private void take(int[] numbers, int from, int to) {
        for (int i = from; i < to; i++) {
            takenIn[numbers[i]] = round;
        }
    }

    /** A stretch of tokens the article held: a paragraph or one of its sentences. */
    private interface Held {
        int[] numbers();

        int from();

        int to();
    }

    /** A paragraph as the article held it: its tokens and how they divide into sentences. */
    private static final class Paragraph implements Held {
        final ContentHash hash;
        final int[] tokens;
        final ContentHash[] sentenceHashes;
        final int[] sentenceEnds;

        Paragraph(ContentHash hash, int[] tokens, ContentHash[] sentenceHashes, int[] sentenceEnds) {
            this.hash = hash;
            this.tokens = tokens;
            this.sentenceHashes = sentenceHashes;
            this.sentenceEnds = sentenceEnds;
        }

        int sentenceStart(int index) {
            return index == 0 ? 0 : sentenceEnds[index - 1];
        }

        @Override
        public int[] numbers() {
            return tokens;
        }

        @Override
        public int from() {
            return 0;
        }

        @Override
        public int to() {
            return tokens.length;
        }
    }

    /** One sentence of a paragraph the article held. */
    private record SentenceRef(Paragraph paragraph, int index) implements Held {
        @Override
        public int[] numbers() {
            return paragraph.tokens;
        }

        @Override
        public int from() {
            return paragraph.sentenceStart(index);
        }

        @Override
        public int to() {
            return paragraph.sentenceEnds[index];
        }
    }

    /** The matching of one revision's text, coarsest level first. */
    private final class Matching {
        private final String text;
        private final int[] ranges;
        private final ContentHash[] hashes;
        private final Paragraph[] matched;
        /** Per paragraph not matched whole: its tokens' numbers, -1 where still to be found. */
        private final int[][] numbers;
        private final ContentHash[][] sentenceHashes;
        private final int[][] sentenceEnds;
        private final List<Integer> pendingParagraph = new ArrayList<>();
        private final List<Integer> pendingPosition = new ArrayList<>();
        private int[] pendingCodes = new int[256];
        private int pending;
        private boolean repetitive;

        Matching(String text) {
            this.text = text;
            this.ranges = WikitextParagraphs.of(text);
            int count = ranges.length / 2;
            this.hashes = new ContentHash[count];
            this.matched = new Paragraph[count];
            this.numbers = new int[count][];
            this.sentenceHashes = new ContentHash[count][];
            this.sentenceEnds = new int[count][];
            matchParagraphs();
            matchSentences();
            matchTokens();
        }

        boolean repetitive() {
            return repetitive;
        }

        private void matchParagraphs() {
            Map<ContentHash, List<Paragraph>> inReference = new HashMap<>();
            for (Paragraph paragraph : reference) {
                inReference.computeIfAbsent(paragraph.hash, h -> new ArrayList<>()).add(paragraph);
            }
            for (int i = 0; i < hashes.length; i++) {
                hashes[i] = hasher.ofRegion(text, ranges[2 * i], ranges[2 * i + 1]);
                Paragraph found = firstFree(inReference.get(hashes[i]));
                if (found == null) {
                    found = firstFree(paragraphs.get(hashes[i]));
                }
                if (found != null) {
                    take(found.tokens, 0, found.tokens.length);
                    matched[i] = found;
                }
            }
        }

        /** The first candidate none of whose tokens this revision took yet. */
        private <T extends Held> T firstFree(List<T> candidates) {
            if (candidates != null) {
                for (T candidate : candidates) {
                    if (free(candidate.numbers(), candidate.from(), candidate.to())) {
                        return candidate;
                    }
                }
            }
            return null;
        }

        private void matchSentences() {
            Map<ContentHash, List<SentenceRef>> inReference = null;
            for (int i = 0; i < matched.length; i++) {
                if (matched[i] != null) {
                    continue;
                }
                if (inReference == null) {
                    inReference = sentencesOfReference();
                }
                int[] spans = WikitextTokens.spans(text, ranges[2 * i], ranges[2 * i + 1]);
                int count = spans.length / 2;
                String[] values = new String[count];
                for (int k = 0; k < count; k++) {
                    values[k] = WikitextTokens.value(text, spans[2 * k], spans[2 * k + 1]);
                }
                int[] ends = WikitextParagraphs.sentenceEnds(text, spans);
                ContentHash[] sentenceHashes = new ContentHash[ends.length];
                int[] paragraphNumbers = new int[count];
                for (int s = 0; s < ends.length; s++) {
                    int from = s == 0 ? 0 : ends[s - 1];
                    int to = ends[s];
                    sentenceHashes[s] = hasher.ofTokens(values, from, to);
                    SentenceRef found = firstFree(inReference.get(sentenceHashes[s]));
                    if (found == null) {
                        found = firstFree(sentences.get(sentenceHashes[s]));
                    }
                    if (found != null) {
                        System.arraycopy(found.paragraph.tokens, found.from(), paragraphNumbers, from, to - from);
                        take(paragraphNumbers, from, to);
                    } else {
                        for (int k = from; k < to; k++) {
                            paragraphNumbers[k] = -1;
                            addPending(i, k, code(values[k]));
                        }
                    }
                }
                numbers[i] = paragraphNumbers;
                this.sentenceHashes[i] = sentenceHashes;
                this.sentenceEnds[i] = ends;
            }
        }

        private Map<ContentHash, List<SentenceRef>> sentencesOfReference() {
            Map<ContentHash, List<SentenceRef>> index = new HashMap<>();
            for (Paragraph paragraph : reference) {
                for (int s = 0; s < paragraph.sentenceHashes.length; s++) {
                    index.computeIfAbsent(paragraph.sentenceHashes[s], h -> new ArrayList<>())
                            .add(new SentenceRef(paragraph, s));
                }
            }
            return index;
        }

        private void addPending(int paragraph, int position, int code) {
            if (pending == pendingCodes.length) {
                pendingCodes = Arrays.copyOf(pendingCodes, pending * 2);
            }
            pendingCodes[pending++] = code;
            pendingParagraph.add(paragraph);
            pendingPosition.add(position);
        }

        /** The tokens of unmatched sentences, diffed against the reference's tokens nothing took. */
        private void matchTokens() {
            if (pending == 0) {
                return;
            }
            int[] olderNumbers = freeTokensOfReference();
            int[] olderCodes = new int[olderNumbers.length];
            for (int k = 0; k < olderNumbers.length; k++) {
                olderCodes[k] = valueOf[olderNumbers[k]];
            }
            int[] newerCodes = Arrays.copyOf(pendingCodes, pending);
            int[] found = new int[pending];
            Arrays.fill(found, -1);
            int olderAt = 0;
            int newerAt = 0;
            List<int[]> changes = SequenceDiff.changes(olderCodes, newerCodes);
            for (int c = 0; c < changes.size(); c++) {
                int[] change = changes.get(c);
                if (c == 0 || !isIsland(changes.get(c - 1), change[0] - olderAt, change)) {
                    keepEqual(olderNumbers, olderAt, change[0], found, newerAt);
                }
                olderAt = change[1];
                newerAt = change[3];
            }
            keepEqual(olderNumbers, olderAt, olderNumbers.length, found, newerAt);
            revive(newerCodes, found);
            int added = 0;
            Set<Integer> distinct = new HashSet<>();
            for (int k = 0; k < pending; k++) {
                int number = found[k];
                if (number < 0) {
                    number = newToken(newerCodes[k]);
                    added++;
                    distinct.add(newerCodes[k]);
                }
                numbers[pendingParagraph.get(k)][pendingPosition.get(k)] = number;
            }
            repetitive = added >= VANDAL_REPETITION_MIN_TOKENS && added > VANDAL_REPETITION * distinct.size();
        }

        /**
         * Runs of at least {@link #REVIVED_RUN} tokens still new that equal a run of tokens the article lost lately
         * (and nothing took back yet) are those tokens again: a sentence removed and put back with a change keeps
         * its unchanged words' authors, where WikiWho, which diffs against the revision before only, credits the
         * whole sentence to whoever put it back.
         */
        private void revive(int[] codes, int[] found) {
            if (removedCount < REVIVED_RUN) {
                return;
            }
            indexRemoved();
            for (int k = 0; k + REVIVED_RUN <= codes.length; ) {
                Integer start = found[k] < 0 ? removedByTrigram.get(trigram(codes[k], codes[k + 1], codes[k + 2]))
                        : null;
                int length = 0;
                if (start != null) {
                    // taken as the run grows: the removed tokens may hold one number twice (removed, revived,
                    // removed again), and one run must not give it to two tokens
                    while (k + length < codes.length && start + length < removedCount && found[k + length] < 0
                            && valueOf[removed[start + length]] == codes[k + length]
                            && takenIn[removed[start + length]] != round) {
                        takenIn[removed[start + length]] = round;
                        length++;
                    }
                }
                if (length < REVIVED_RUN || words(codes, k, k + length) < REVIVED_WORDS) {
                    for (int j = 0; j < length; j++) {
                        takenIn[removed[start + j]] = round - 1; // not taken after all (any round but this one)
                    }
                    k++;
                    continue;
                }
                for (int j = 0; j < length; j++) {
                    found[k + j] = removed[start + j];
                }
                k += length;
            }
        }

        private int words(int[] codes, int from, int to) {
            int words = 0;
            for (int k = from; k < to; k++) {
                if (wordCodes.get(codes[k])) {
                    words++;
                }
            }
            return words;
        }

        /**
         * Whether the equal stretch of {@code length} tokens between two changes is a coincidence inside a
         * rewritten passage rather than words kept: at most {@link #ISLAND_TOKENS} tokens with a replacement of at
         * least {@link #ISLAND_FLANK} tokens on either side (a "the", an "are" or a "." the old and the new
         * sentence happen to share).
         */
        private static boolean isIsland(int[] before, int length, int[] after) {
            return length <= ISLAND_TOKENS && isRewrite(before) && isRewrite(after);
        }

        private static boolean isRewrite(int[] change) {
            int deleted = change[1] - change[0];
            int inserted = change[3] - change[2];
            return deleted > 0 && inserted > 0 && deleted + inserted >= ISLAND_FLANK;
        }

        private void keepEqual(int[] olderNumbers, int olderFrom, int olderTo, int[] found, int newerFrom) {
            for (int k = 0; k < olderTo - olderFrom; k++) {
                int number = olderNumbers[olderFrom + k];
                found[newerFrom + k] = number;
                takenIn[number] = round;
            }
        }

        private int[] freeTokensOfReference() {
            int length = 0;
            for (Paragraph paragraph : reference) {
                length += paragraph.tokens.length;
            }
            int[] free = new int[length];
            int count = 0;
            for (Paragraph paragraph : reference) {
                for (int number : paragraph.tokens) {
                    if (takenIn[number] != round) {
                        free[count++] = number;
                    }
                }
            }
            return Arrays.copyOf(free, count);
        }

        /** The revision's paragraphs, those made here remembered for later revisions. */
        List<Paragraph> layout() {
            List<Paragraph> layout = new ArrayList<>(matched.length);
            for (int i = 0; i < matched.length; i++) {
                Paragraph paragraph = matched[i];
                if (paragraph == null) {
                    paragraph = remember(hashes[i], numbers[i], sentenceHashes[i], sentenceEnds[i]);
                }
                layout.add(paragraph);
            }
            return layout;
        }
    }

    private Paragraph remember(ContentHash hash, int[] numbers, ContentHash[] sentenceHashes, int[] sentenceEnds) {
        List<Paragraph> sameContent = paragraphs.computeIfAbsent(hash, h -> new ArrayList<>(1));
        for (Paragraph known : sameContent) {
            if (Arrays.equals(known.tokens, numbers)) {
                return known;
            }
        }
        Paragraph paragraph = new Paragraph(hash, numbers, sentenceHashes, sentenceEnds);
        sameContent.add(paragraph);
        paragraphCount++;
        heldNumbers += numbers.length;
        for (int s = 0; s < sentenceHashes.length; s++) {
            int from = paragraph.sentenceStart(s);
            List<SentenceRef> sameSentence = sentences.computeIfAbsent(sentenceHashes[s], h -> new ArrayList<>(1));
            boolean known = false;
            for (SentenceRef ref : sameSentence) {
                if (Arrays.equals(ref.paragraph.tokens, ref.from(), ref.to(), numbers, from, sentenceEnds[s])) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                sameSentence.add(new SentenceRef(paragraph, s));
                sentenceCount++;
            }
        }
        return paragraph;
    }
}

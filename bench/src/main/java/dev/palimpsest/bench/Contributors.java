package dev.palimpsest.bench;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Who edits a synthetic wiki: a pool of registered users, a few of them prolific (as on real wikis), and
 * anonymous editors known by their IP address (IPv4 mostly, some IPv6), about a quarter of all edits.
 */
final class Contributors {

    private static final int USERS = 400;
    private static final String[] OTHER_SCRIPT_NAMES = {"Łukasz W.", "王小明", "Jürgen", "Анна К", "민준", "Zoë"};

    /** A registered user (id and name) or an anonymous editor (ip, id null). */
    record Contributor(Long id, String name, String ip) {

        boolean anonymous() {
            return ip != null;
        }

        /** How edit summaries name them. */
        String label() {
            return anonymous() ? ip : name;
        }
    }

    private final Contributor[] users = new Contributor[USERS];
    private final SplittableRandom random;

    Contributors(SplittableRandom random) {
        this.random = random;
        WordSource words = new WordSource(random);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < USERS; i++) {
            String name = i % 37 == 5 ? OTHER_SCRIPT_NAMES[i % OTHER_SCRIPT_NAMES.length] + " " + i
                    : i % 3 == 0 ? WordSource.capitalized(words.plainWord()) + " "
                    + WordSource.capitalized(words.plainWord())
                    : WordSource.capitalized(words.plainWord()) + i;
            if (!taken.add(name)) {
                name += " " + i; // one name, one user
                taken.add(name);
            }
            users[i] = new Contributor(1000L + 7L * i, name, null);
        }
    }

    Contributor pick() {
        if (random.nextInt(4) == 0) {
            return new Contributor(null, null, ip());
        }
        // the cube skews the draw towards the first users: a few do most of the editing
        double u = random.nextDouble();
        return users[(int) (u * u * u * USERS)];
    }

    private String ip() {
        if (random.nextInt(10) == 0) {
            return "2001:db8:%x:%x::%x".formatted(random.nextInt(0x10000), random.nextInt(0x10000),
                    1 + random.nextInt(0xffff));
        }
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }
}

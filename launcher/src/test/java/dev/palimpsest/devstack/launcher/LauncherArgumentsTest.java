package dev.palimpsest.devstack.launcher;

import dev.palimpsest.devstack.launcher.LauncherArguments.Command;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherArgumentsTest {

    private static final Path CWD = Path.of("/home/ada/work");

    @Test
    void upAloneRunsFromTheCurrentDirectoryWithDataBesideIt() {
        LauncherArguments arguments = parse("up");

        assertEquals(Command.UP, arguments.command());
        assertEquals(CWD, arguments.home());
        assertEquals(CWD.resolve(".palimpsest-data"), arguments.dataDirectory());
    }

    @Test
    void theScriptAppendsHomeAfterTheUsersArguments() {
        LauncherArguments arguments = parse("up", "--home", "/opt/palimpsest");

        assertEquals(Path.of("/opt/palimpsest"), arguments.home());
        assertEquals(Path.of("/opt/palimpsest/.palimpsest-data"), arguments.dataDirectory(),
                "the default data directory follows home");
    }

    @Test
    void aDataDirectoryIsTakenFromTheCurrentDirectoryWhenRelative() {
        assertEquals(CWD.resolve("scratch/data"),
                parse("up", "--data-dir", "scratch/data", "--home", "/opt/p").dataDirectory());
        assertEquals(Path.of("/tmp/p"), parse("--data-dir=/tmp/p", "up").dataDirectory());
        assertEquals(CWD.resolve("../elsewhere").normalize(), parse("up", "--home=../elsewhere").home());
    }

    @Test
    void oneBrokerUnlessThreeAreAskedFor() {
        assertEquals(1, parse("up").brokers());
        assertEquals(3, parse("up", "--brokers", "3").brokers());
        assertEquals(3, parse("--brokers=3", "up", "--data-dir", "d").brokers());
        assertEquals(1, parse("up", "--brokers=1").brokers());
    }

    @Test
    void oneInstanceOfEachOnThreePartitionsUnlessScaledOut() {
        assertEquals(PalimpsestStack.Scale.SINGLE, parse("up").scale());
        assertEquals(new PalimpsestStack.Scale(6, 2, 3), parse("up", "--partitions", "6", "--archive-instances=2",
                "--query-instances", "3").scale());
        assertEquals(new PalimpsestStack.Scale(3, 1, 2), parse("--query-instances=2", "up").scale());
        assertEquals(new PalimpsestStack.Scale(3, 1, 1, 2), parse("up", "--ingest-instances", "2").scale());
    }

    @Test
    void scaleMistakesAreNamed() {
        assertError("--partitions must be 1 to 64, got '0'", "up", "--partitions", "0");
        assertError("--partitions must be 1 to 64, got '65'", "up", "--partitions=65");
        assertError("--archive-instances must be 1 to 8, got 'two'", "up", "--archive-instances", "two");
        assertError("--query-instances must be 1 to 8, got '9'", "up", "--query-instances", "9");
        assertError("--query-instances needs a number", "up", "--query-instances");
        assertError("--ingest-instances must be 1 to 8, got '0'", "up", "--ingest-instances=0");
        assertError("--partitions given twice", "up", "--partitions", "6", "--partitions=6");
        assertError("options of up, not of token", "token", "--archive-instances", "2");
    }

    @Test
    void helpInAnyFormAndAnywhereWins() {
        for (List<String> args : List.of(List.of("help"), List.of("--help"), List.of("-h"),
                List.of("up", "--help"), List.of("help", "--home", "/opt/p"))) {
            assertEquals(Command.HELP, LauncherArguments.parse(args, CWD).command(), args.toString());
        }
    }

    @Test
    void mistakesAreNamed() {
        assertError("unknown command down", "down");
        assertError("unknown option --port", "up", "--port", "9090");
        assertError("--data-dir needs a directory", "up", "--data-dir");
        assertError("--data-dir needs a directory", "up", "--data-dir", "--home", "/opt/p");
        assertError("--home needs a directory", "up", "--home=");
        assertError("--home given twice", "up", "--home", "/a", "--home", "/b");
        assertError("no command given");
        assertError("no command given", "--home", "/opt/p");
        assertError("--brokers must be 1 or 3, got '2'", "up", "--brokers", "2");
        assertError("--brokers must be 1 or 3, got 'three'", "up", "--brokers=three");
        assertError("--brokers needs a number", "up", "--brokers");
        assertError("--brokers given twice", "up", "--brokers", "3", "--brokers", "3");
    }

    @Test
    void tokenDefaultsToAWriterNamedAfterTheUserForTwelveHours() {
        LauncherArguments arguments = parse("token");

        assertEquals(Command.TOKEN, arguments.command());
        assertEquals("writer", arguments.token().role());
        assertEquals(Duration.ofHours(12), arguments.token().ttl());
        assertFalse(arguments.token().subject().isBlank());
    }

    @Test
    void tokenTakesRoleSubjectAndLifetime() {
        LauncherArguments arguments = parse("token", "--role", "admin", "--subject=ada", "--ttl", "30m",
                "--data-dir", "d");

        assertEquals(new LauncherArguments.TokenRequest("admin", "ada", Duration.ofMinutes(30)), arguments.token());
        assertEquals(CWD.resolve("d"), arguments.dataDirectory(), "the key pair is the data directory's");
        assertEquals(Duration.ofDays(7), parse("token", "--ttl=7d").token().ttl());
        assertEquals(Duration.ofSeconds(90), parse("token", "--ttl=90s").token().ttl());
        assertEquals(Duration.ofMinutes(90), parse("token", "--ttl=PT1H30M").token().ttl());
    }

    @Test
    void tokenMistakesAreNamed() {
        assertError("--role is writer or admin, not 'root'", "token", "--role", "root");
        assertError("--ttl is a duration such as 30m, 12h or 7d, not 'soon'", "token", "--ttl", "soon");
        assertError("--ttl must be positive", "token", "--ttl", "0h");
        assertError("--subject needs a value", "token", "--subject");
        assertError("--role given twice", "token", "--role", "admin", "--role", "writer");
        assertError("options of token, not of up", "up", "--role", "admin");
    }

    private static void assertError(String message, String... args) {
        var error = assertThrows(IllegalArgumentException.class, () -> parse(args));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    private static LauncherArguments parse(String... args) {
        return LauncherArguments.parse(List.of(args), CWD);
    }
}

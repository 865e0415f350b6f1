package dev.palimpsest.problem.deployment;

import io.quarkus.gizmo.Gizmo;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transformation against the Quarkus this build uses: its server verticle sets request handlers, and after the
 * transformation each is set through InvalidRequestProblems. A Quarkus upgrade that moves the call fails here,
 * before any service's test.
 */
class InvalidRequestProblemsProcessorTest {

    @Test
    void everyRequestHandlerOfQuarkusServersIsSetWithTheInvalidRequestHandler() throws IOException {
        byte[] original = verticle();
        List<String> before = calls(original);
        assertTrue(before.stream().anyMatch(call -> call.equals("io/vertx/core/http/HttpServer.requestHandler")),
                "Quarkus's server verticle sets its request handler with HttpServer.requestHandler: " + before);

        ClassWriter writer = new ClassWriter(0);
        new ClassReader(original).accept(new InvalidRequestProblemsProcessor.RequestHandlerCalls(writer), 0);
        List<String> after = calls(writer.toByteArray());

        long replaced = before.stream().filter(call -> call.equals("io/vertx/core/http/HttpServer.requestHandler"))
                .count();
        assertEquals(0, after.stream().filter(call -> call.equals("io/vertx/core/http/HttpServer.requestHandler"))
                .count(), "no request handler is set without the invalid-request handler");
        assertEquals(replaced, after.stream()
                .filter(call -> call.equals("dev/palimpsest/problem/InvalidRequestProblems.requestHandler")).count());
    }

    private static byte[] verticle() throws IOException {
        String resource = InvalidRequestProblemsProcessor.SERVER_VERTICLE.replace('.', '/') + ".class";
        try (InputStream in = InvalidRequestProblemsProcessorTest.class.getClassLoader()
                .getResourceAsStream(resource)) {
            assertNotNull(in, "Quarkus has a class " + InvalidRequestProblemsProcessor.SERVER_VERTICLE);
            return in.readAllBytes();
        }
    }

    /** The methods the class calls, as owner.name, in order. */
    private static List<String> calls(byte[] type) {
        List<String> calls = new ArrayList<>();
        new ClassReader(type).accept(new ClassVisitor(Gizmo.ASM_API_VERSION) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Gizmo.ASM_API_VERSION) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                                boolean isInterface) {
                        calls.add(owner + "." + method);
                    }
                };
            }
        }, 0);
        return calls;
    }
}

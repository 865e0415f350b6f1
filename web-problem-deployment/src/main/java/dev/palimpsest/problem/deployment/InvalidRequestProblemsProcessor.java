package dev.palimpsest.problem.deployment;

import dev.palimpsest.problem.InvalidRequestProblems;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.gizmo.Gizmo;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Gives Quarkus's HTTP server Vert.x's invalid-request handler: in the verticle that creates and starts the server
 * ({@value #SERVER_VERTICLE}), every call of {@code HttpServer.requestHandler(handler)} becomes
 * {@link InvalidRequestProblems#requestHandler(io.vertx.core.http.HttpServer, io.vertx.core.Handler)}, which sets
 * the same request handler and, beside it, {@link InvalidRequestProblems} for what the codec refuses.
 * <p>
 * Why a bytecode transformation (ADR 0023): Quarkus 3.33 creates, configures and starts its servers in that
 * verticle without any hook between creating a server and its listening, and Vert.x takes the invalid-request
 * handler only then. The transformation depends on nothing private but the verticle's name: the call it replaces is
 * Vert.x's public API. If a Quarkus upgrade renames the verticle or moves the call, nothing is replaced: this
 * module's test fails, and so do the services' hostile-input tests of 414 and 431.
 */
public class InvalidRequestProblemsProcessor {

    static final String SERVER_VERTICLE = "io.quarkus.vertx.http.runtime.VertxHttpRecorder$WebDeploymentVerticle";

    private static final String HTTP_SERVER = "io/vertx/core/http/HttpServer";
    private static final String REQUEST_HANDLER = "requestHandler";
    private static final String REQUEST_HANDLER_DESCRIPTOR = "(Lio/vertx/core/Handler;)Lio/vertx/core/http/HttpServer;";
    private static final String INSTALLER = Type.getInternalName(InvalidRequestProblems.class);
    private static final String INSTALLER_DESCRIPTOR =
            "(Lio/vertx/core/http/HttpServer;Lio/vertx/core/Handler;)Lio/vertx/core/http/HttpServer;";

    @BuildStep
    void answerInvalidRequestsWithProblems(BuildProducer<BytecodeTransformerBuildItem> transformers) {
        transformers.produce(new BytecodeTransformerBuildItem(SERVER_VERTICLE,
                (className, visitor) -> new RequestHandlerCalls(visitor)));
    }

    /** Replaces {@code server.requestHandler(handler)} by the static call taking the same two operands. */
    static final class RequestHandlerCalls extends ClassVisitor {

        RequestHandlerCalls(ClassVisitor next) {
            super(Gizmo.ASM_API_VERSION, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return new MethodVisitor(Gizmo.ASM_API_VERSION,
                    super.visitMethod(access, name, descriptor, signature, exceptions)) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                            boolean isInterface) {
                    if (opcode == Opcodes.INVOKEINTERFACE && HTTP_SERVER.equals(owner)
                            && REQUEST_HANDLER.equals(method) && REQUEST_HANDLER_DESCRIPTOR.equals(methodDescriptor)) {
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, INSTALLER, REQUEST_HANDLER,
                                INSTALLER_DESCRIPTOR, false);
                    } else {
                        super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
                    }
                }
            };
        }
    }
}

package dev.palimpsest.query;

import dev.palimpsest.contract.OpenApiContract;
import dev.palimpsest.devstack.DevstackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;

/**
 * The API this service serves is the committed contract, openapi/query-service.yaml at the repository root (which the
 * client module is generated from): any difference fails, saying whether it breaks clients and how to accept it on
 * purpose (docs/adr/0009-openapi-contract.md).
 */
@QuarkusTest
@WithTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "query"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {

    private static Path contract() {
        return Path.of(System.getProperty("palimpsest.openapi.contract", "../openapi/query-service.yaml"));
    }

    @Test
    @Order(1)
    void theServedDocumentIsTheCommittedContract() {
        String served = given().queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        OpenApiContract.check("query-service", served, contract());
    }

    @Test
    @Order(2) // after an accepting run has written it
    void theCommittedContractIsValidOpenApi() throws IOException {
        OpenApiContract.parse(contract().toString(), Files.readString(contract()));
    }
}

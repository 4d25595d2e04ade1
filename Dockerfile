# syntax=docker/dockerfile:1
# One image recipe for every Patron service; docker-compose.yml passes MODULE (command-service, query-service,
# gateway). Built from source in a Maven stage, so a clean clone needs no local build first; the runtime stage
# holds only a JRE and that one service's jar.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between image builds (BuildKit, the default builder).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -q -B -DskipTests -pl "${MODULE}" -am package \
    && cp "${MODULE}/target/${MODULE}-"*-exec.jar /service.jar

FROM eclipse-temurin:17-jre
# curl only serves the container health checks in docker-compose.yml.
# /var/lib/patron-keys holds the master key file (docker-compose.yml mounts a volume there, which takes this owner).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 patron \
    && install -d -o patron -g patron -m 700 /var/lib/patron-keys
COPY --from=build /service.jar /app/service.jar
USER patron
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]

# The tracker as a container image: built from this repository, run as a plain jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tracker && mkdir -p /app/.tracker-state && chown tracker /app/.tracker-state
WORKDIR /app
COPY --from=build /src/tracker-service/target/tracker-service.jar /app/tracker-service.jar
USER tracker
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-jar", "/app/tracker-service.jar"]

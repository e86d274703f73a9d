# BlazorChat in one container: the embedded default (SQLite) with its data in the /data volume.
#
#   docker build -t blazorchat .
#   docker run -p 8080:8080 -v blazorchat-data:/data blazorchat
#
# For PostgreSQL add -e Database__Provider=Postgres -e ConnectionStrings__Chat="Host=...;...".

# ---- build ------------------------------------------------------------------------------------
# The floating 10.0 tag carries the newest SDK feature band, which satisfies global.json
# (10.0.400 or later, rollForward latestFeature).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the files that decide the package graph only, so that a change to the
# source reuses the cached restore layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY BlazorChat.Core/BlazorChat.Core.csproj BlazorChat.Core/
COPY BlazorChat.Web/BlazorChat.Web.csproj BlazorChat.Web/
COPY BlazorChat.Migrations.Sqlite/BlazorChat.Migrations.Sqlite.csproj BlazorChat.Migrations.Sqlite/
COPY BlazorChat.Migrations.Postgres/BlazorChat.Migrations.Postgres.csproj BlazorChat.Migrations.Postgres/
RUN dotnet restore BlazorChat.Web/BlazorChat.Web.csproj

COPY BlazorChat.Core/ BlazorChat.Core/
COPY BlazorChat.Web/ BlazorChat.Web/
COPY BlazorChat.Migrations.Sqlite/ BlazorChat.Migrations.Sqlite/
COPY BlazorChat.Migrations.Postgres/ BlazorChat.Migrations.Postgres/
# UseAppHost=false: the image starts the app with `dotnet`, so the native launcher is not needed.
RUN dotnet publish BlazorChat.Web/BlazorChat.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime ----------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# curl: the HEALTHCHECK below. Images are processed in process (ImageSharp, ADR-005): no native library.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# The data directory holds the SQLite database (with the data-protection keys: sign-ins survive a
# restart only if the keys do) and uploaded files. It is created and handed to the non-root user before VOLUME is
# declared: a named volume mounted here for the first time copies this ownership, and changes
# made to a path after its VOLUME line would be discarded.
RUN mkdir -p /data && chown app:app /data
VOLUME /data

WORKDIR /app
COPY --from=build /app .

# `app` (UID 1654) comes with the aspnet image.
USER app

# The base image sets ASPNETCORE_HTTP_PORTS=8080; ASPNETCORE_URLS takes precedence over it, and
# clearing it keeps the start-up log free of the "overriding HTTP_PORTS" warning. Plain HTTP:
# terminate TLS in front of the container.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS="" \
    BlazorChat__DataDirectory=/data
EXPOSE 8080

# Liveness only: answers once Kestrel is up (migrations run before that). The port is fixed here,
# so keep it in step with ASPNETCORE_URLS when changing either. curl -f fails on an HTTP error,
# and `|| exit 1` maps every failure to the one code Docker reads as unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/live || exit 1

ENTRYPOINT ["dotnet", "BlazorChat.Web.dll"]

#!/usr/bin/env bash
# Adds one EF Core migration for both providers (PostgreSQL and SQLite): scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-ef >/dev/null || dotnet tool install --global dotnet-ef --version 10.0.15
dotnet ef migrations add "$name" -p SatDaemon.Database -s SatDaemon.Database -c PostgresSatDbContext -o Migrations/Postgres
dotnet ef migrations add "$name" -p SatDaemon.Database -s SatDaemon.Database -c SqliteSatDbContext -o Migrations/Sqlite

#!/usr/bin/env bash
# Adds a migration with the same name for every database provider.
#   bash .ci/add-migration.sh AddSomething
# Needs the dotnet-ef tool: dotnet tool install --global dotnet-ef --version 10.0.14
set -euo pipefail
name=${1:?usage: add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
for provider in Sqlite PostgreSql SqlServer; do
  dotnet ef migrations add "$name" --project CommandCenter.Data \
    --context "${provider}CommandCenterDbContext" \
    --output-dir "Migrations/$provider" --namespace "CommandCenter.Data.Migrations.$provider"
done
# EF places a new snapshot by namespace; keep it beside its migrations.
if [ -d CommandCenter.Data/CommandCenter ]; then
  for provider in Sqlite PostgreSql SqlServer; do
    for f in CommandCenter.Data/CommandCenter/Data/Migrations/$provider/*.cs; do
      [ -e "$f" ] && mv "$f" "CommandCenter.Data/Migrations/$provider/"
    done
  done
  rm -rf CommandCenter.Data/CommandCenter
fi

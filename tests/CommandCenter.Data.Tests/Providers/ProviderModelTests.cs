using CommandCenter.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CommandCenter.Data.Tests.Providers;

/// <summary>Checks that need no server: the model and the migrations agree on every provider.</summary>
public class ProviderModelTests
{
    private static readonly Dictionary<DatabaseProvider, string> DesignConnections = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=:memory:",
        [DatabaseProvider.PostgreSql] = "Host=localhost;Database=model_check",
        [DatabaseProvider.SqlServer] = "Server=localhost;Database=model_check;TrustServerCertificate=true",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void No_provider_has_pending_model_changes(DatabaseProvider provider)
    {
        using var db = DatabaseRegistration.CreateContext(provider, DesignConnections[provider]);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model differs from the {provider} migrations: run `bash .ci/add-migration.sh <Name>`.");
        Assert.Equal(DatabaseRegistration.ContextTypeFor(provider), db.GetType());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_sql_server_migration_script_parses_without_errors()
    {
        using var db = DatabaseRegistration.CreateContext(DatabaseProvider.SqlServer, DesignConnections[DatabaseProvider.SqlServer]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Incidents]", script, StringComparison.Ordinal);

        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        var tables = new CreateTableCounter();
        fragment.Accept(tables);
        using var db2 = DatabaseRegistration.CreateContext(DatabaseProvider.SqlServer, DesignConnections[DatabaseProvider.SqlServer]);
        var expectedTables = db2.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct().Count() + 1; // + __EFMigrationsHistory
        Assert.Equal(expectedTables, tables.Count);
    }

    private sealed class CreateTableCounter : TSqlFragmentVisitor
    {
        public int Count { get; private set; }

        public override void Visit(CreateTableStatement node) => Count++;
    }

    [Fact]
    public void Each_provider_keeps_its_own_migrations()
    {
        foreach (var (provider, connection) in DesignConnections)
        {
            using var db = DatabaseRegistration.CreateContext(provider, connection);
            var ns = db.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct().Single();
            Assert.Equal($"CommandCenter.Data.Migrations.{provider}", ns);
        }
    }
}

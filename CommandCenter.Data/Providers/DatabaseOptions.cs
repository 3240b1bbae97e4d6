using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Data.Providers;

public enum DatabaseProvider
{
    Sqlite = 0,
    SqlServer = 1,
    PostgreSql = 2,
}

/// <summary>The "Database" configuration section; the connection string is ConnectionStrings:CommandCenter.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "CommandCenter";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/commandcenter.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Filled from ConnectionStrings:CommandCenter; the embedded SQLite default when empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) && Provider == DatabaseProvider.Sqlite
            ? DefaultSqliteConnectionString
            : ConnectionString ?? string.Empty;

    /// <summary>A folder of the installation's files: beside the SQLite database file, under App_Data otherwise.</summary>
    public string DataFolder(string name)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var dataSource = new SqliteConnectionStringBuilder(EffectiveConnectionString).DataSource;
            if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:")
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
                if (!string.IsNullOrEmpty(directory))
                {
                    return Path.Combine(directory, name);
                }
            }
        }
        return Path.GetFullPath(Path.Combine("App_Data", name));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult("Database:Provider must be Sqlite, SqlServer or PostgreSql.", [nameof(Provider)]);
        }
        if (Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"ConnectionStrings:{ConnectionStringName} is required when Database:Provider is {Provider}.",
                [nameof(ConnectionString)]);
        }
    }
}

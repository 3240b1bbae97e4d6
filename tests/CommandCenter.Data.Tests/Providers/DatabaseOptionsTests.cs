using System.ComponentModel.DataAnnotations;
using CommandCenter.Data.Providers;

namespace CommandCenter.Data.Tests.Providers;

public class DatabaseOptionsTests
{
    private static List<ValidationResult> Validate(DatabaseOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Sqlite_without_a_connection_string_uses_the_embedded_file()
    {
        var options = new DatabaseOptions();
        Assert.Empty(Validate(options));
        Assert.Equal(DatabaseOptions.DefaultSqliteConnectionString, options.EffectiveConnectionString);
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Server_providers_require_a_connection_string(DatabaseProvider provider)
    {
        var error = Assert.Single(Validate(new DatabaseOptions { Provider = provider }));
        Assert.Contains("ConnectionStrings:CommandCenter", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(Validate(new DatabaseOptions { Provider = provider, ConnectionString = "Host=x" }));
    }

    [Fact]
    public void An_unknown_provider_is_rejected()
    {
        Assert.NotEmpty(Validate(new DatabaseOptions { Provider = (DatabaseProvider)42 }));
    }
}

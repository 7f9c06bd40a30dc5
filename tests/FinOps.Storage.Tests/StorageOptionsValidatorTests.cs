using FinOps.Storage.Allocation;
using FinOps.Storage.Metrics;
using FinOps.Storage.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Tests;

/// <summary>Issue 19: every bad storage setting reported at once, each with the value it was given.</summary>
public sealed class StorageOptionsValidatorTests
{
    [Fact]
    public void Validate_QueueFileIsTheCostStoreAndNegativeLockTimeout_BothReportedWithValues()
    {
        var path = Path.Combine(Path.GetTempPath(), "finops-validator", "same.db");

        var result = new StorageOptionsValidator().Validate(null, new StorageOptions
        {
            DatabasePath = path,
            QueueDatabasePath = path,
            ImportLockTimeout = TimeSpan.FromMinutes(-1),
        });

        Assert.True(result.Failed);
        Assert.Equal(
            [
                $"Storage:QueueDatabasePath must name another file than Storage:DatabasePath (imports lock the cost store), not '{path}'.",
                "Storage:ImportLockTimeout must not be negative, not -00:01:00.",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData(null, "Storage:ConnectionString must be set when Storage:Provider is PostgreSql")]
    [InlineData("Host=db;Username=finops", "Storage:ConnectionString must name the database (Database=...).")]
    [InlineData("Database=finops;Username=finops", "Storage:ConnectionString must name the server (Host=...).")]
    [InlineData("Host=db;Database=finops;Frobnicate=1", "Storage:ConnectionString is not a valid PostgreSQL connection string")]
    public void Validate_PostgreSqlWithBadConnectionString_NamesSetting(string? connectionString, string expected)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.StartsWith(expected, Assert.Single(result.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlBadConnectionString_NeverEchoesPassword()
    {
        var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

        var result = new StorageOptionsValidator().Validate(
            null, new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = $"Host=db;Password={password};Frobnicate=1" });

        Assert.True(result.Failed);
        Assert.DoesNotContain(password, string.Join(" ", result.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithConnectionString_Succeeds_AndSkipsSqlitePaths()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions
        {
            Provider = StorageProvider.PostgreSql,
            ConnectionString = "Host=db;Database=finops;Username=finops;Password=unused",
            DatabasePath = "",
        });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void AddStorage_TwoBadRetentionSettings_BothReportedAtStartWithValues()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DatabasePath"] = Path.Combine(Path.GetTempPath(), "finops-validator", "unused.db"),
                ["Queue:Retention:Sent"] = "-1.00:00:00",
                ["Queue:Retention:PurgeInterval"] = "00:00:00",
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddStorage(configuration);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QueueRetentionOptions>>().Value);

        Assert.Equal(
            ["Queue:Retention:Sent must be positive (e.g. 14.00:00:00), not -1.00:00:00.", "Queue:Retention:PurgeInterval must be positive (e.g. 01:00:00), not 00:00:00."],
            ex.Failures);
    }

    [Fact]
    public void Validate_ZeroReloadAndPollIntervals_EachReportedWithValue()
    {
        var allocation = new AllocationOptionsValidator().Validate(null, new AllocationOptions { ReloadInterval = TimeSpan.Zero });
        var metrics = new BusinessMetricsOptionsValidator().Validate(null, new BusinessMetricsOptions { PollInterval = TimeSpan.FromSeconds(-2) });

        Assert.Equal(["Allocation:ReloadInterval must be positive, not 00:00:00."], allocation.Failures);
        Assert.Equal(["Metrics:PollInterval must be positive, not -00:00:02."], metrics.Failures);
    }
}

using FinOps.Core.Budgets;
using FinOps.Storage.Allocation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests.Budgets;

/// <summary>The budgets: section of allocation.yaml through the real reloader and AddBudgets: applied, audited, an invalid edit rejected.</summary>
public sealed class BudgetRulesReloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-budget-rules-").FullName;
    private readonly ServiceProvider _provider;

    public BudgetRulesReloadTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(_folder, "finops.db") })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)))
            .AddSingleton<FinOps.Core.Ingestion.IFocusFileReader>(new FakeFocusFileReader());
        services.AddStorage(configuration);
        services.AddAllocation(configuration);
        services.AddBudgets(configuration);
        _provider = services.BuildServiceProvider();
    }

    private string RulesPath => Path.Combine(_folder, "allocation.yaml");

    public void Dispose()
    {
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Reload_InvalidBudgetEdit_RejectedWithFileLineAndPreviousBudgetKept()
    {
        File.WriteAllText(RulesPath, "version: 1\nteams:\n  - key: payments\nbudgets:\n  - team: payments\n    amount: 25000\n");
        var budgets = _provider.GetRequiredService<BudgetStatusService>();
        var reloader = _provider.GetRequiredService<AllocationReloader>();
        Assert.Equal(25_000m, Assert.Single(await budgets.ListAsync(default)).Amount);

        File.WriteAllText(RulesPath, "version: 1\nteams:\n  - key: payments\nbudgets:\n  - team: payments\n    amount: 30000\n    period: week\n");
        var activated = reloader.Reload();

        Assert.False(activated);
        Assert.StartsWith(RulesPath + ":7:", reloader.LastError, StringComparison.Ordinal);
        Assert.Contains("budgets[0].period", reloader.LastError, StringComparison.Ordinal);
        Assert.Equal(25_000m, Assert.Single(await budgets.ListAsync(default)).Amount);

        File.WriteAllText(RulesPath, "version: 1\nteams:\n  - key: payments\nbudgets:\n  - team: payments\n    amount: 30000\n");
        Assert.True(reloader.Reload());

        Assert.Equal(30_000m, Assert.Single(await budgets.ListAsync(default)).Amount);
        var changes = await _provider.GetRequiredService<IBudgetStore>().ListChangesAsync("payments-month", default);
        Assert.Equal(["create", "update"], changes.Select(c => c.Action));
        Assert.All(changes, c => Assert.Equal((BudgetChangeSource.Rules, RulesPath), (c.Source, c.Detail)));
    }
}

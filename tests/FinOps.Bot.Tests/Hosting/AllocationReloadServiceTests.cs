using FinOps.Bot.Hosting;
using FinOps.Core.Allocation;
using FinOps.Core.Ingestion;
using FinOps.Core.People;
using FinOps.Storage;
using FinOps.Storage.Allocation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Hosting;

public sealed class AllocationReloadServiceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-alloc-host-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public AllocationReloadServiceTests()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(_folder, "finops.db") })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddSingleton<IFocusFileReader, FocusFileReader>();
        services.AddStorage(configuration);
        services.AddAllocation(configuration);
        services.AddSingleton<AllocationReloadService>();
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task StartAsync_InvalidRulesFile_FailsWithFileLineAndField()
    {
        var path = Path.Combine(_folder, "allocation.yaml");
        await File.WriteAllTextAsync(path, "version: 1\npools:\n  - id: hub\n    split: fixed\n    percentages: { a: 40, b: 40 }\n");
        var service = _services.GetRequiredService<AllocationReloadService>();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(CancellationToken.None));

        Assert.Contains(path + ":5:", e.Message, StringComparison.Ordinal);
        Assert.Contains("pools[0].percentages", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ValidRulesFile_ActivatesRules()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "allocation.yaml"), "version: 1\nrevision: r1\ntags:\n  - keys: [owner-team]\n");
        var service = _services.GetRequiredService<AllocationReloadService>();

        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal("r1", _services.GetRequiredService<AllocationRuleSource>().Current.Revision);
        Assert.Null(_services.GetRequiredService<AllocationReloader>().LastError);
    }

    [Fact]
    public async Task Reload_InvalidDirectoryEdit_KeepsPreviousDirectoryAndReportsFileLine()
    {
        var path = Path.Combine(_folder, "allocation.yaml");
        await File.WriteAllTextAsync(path, "version: 1\nteams:\n  - key: payments\n    owners:\n      - email: pat@corp.example\n        slack: U0PAT0001\n    members: [mia@corp.example]\n");
        var reloader = _services.GetRequiredService<AllocationReloader>();
        var directory = _services.GetRequiredService<DirectorySource>();
        Assert.True(reloader.Reload());
        Assert.NotNull(directory.Current.FindByEmail("mia@corp.example"));

        // Mia moves to search, but the edit gives Pat a second Slack id on line 9.
        await File.WriteAllTextAsync(path, "version: 1\nteams:\n  - key: payments\n    owners:\n      - email: pat@corp.example\n        slack: U0PAT0001\n  - key: search\n    members:\n      - email: pat@corp.example\n        slack: U0OTHER01\n      - mia@corp.example\n");
        Assert.False(reloader.Reload());

        Assert.StartsWith(path + ":9:", reloader.LastError, StringComparison.Ordinal);
        Assert.Contains("teams[1].members[0]", reloader.LastError, StringComparison.Ordinal);
        var mia = directory.Current.FindByEmail("mia@corp.example");
        Assert.NotNull(mia);
        Assert.Equal(["payments"], directory.Current.TeamsOf(mia));
        Assert.Null(directory.Current.FindTeam("search"));
    }
}

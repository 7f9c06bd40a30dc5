using System.Diagnostics;
using System.Security.Cryptography;
using FinOps.Conversation;
using FinOps.Core.Ingestion;
using FinOps.Storage;
using FinOps.Storage.Import;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Benchmarks;

/// <summary>Our side: the real stack (FocusFileReader, CostImporter, SqliteCostStore, QuestionService) wired as the host wires it.</summary>
public static partial class OurSide
{
    /// <summary>A provider like the host's (BotServices.AddFinOpsCore without the card renderers) over the SQLite file <paramref name="databasePath"/>.</summary>
    public static ServiceProvider BuildServices(string databasePath, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{StorageOptions.SectionName}:DatabasePath"] = databasePath })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IFocusFileReader, FocusFileReader>();
        services.AddStorage(configuration);
        services.AddConversation(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>Imports <paramref name="csvPath"/> into a fresh store at <paramref name="databasePath"/>; the time includes migrations and hashing, as the import verb does.</summary>
    public static async Task<IngestResult> IngestAsync(string csvPath, string databasePath, CancellationToken cancellationToken)
    {
        DeleteDatabase(databasePath);
        var watch = Stopwatch.StartNew();
        await using var services = BuildServices(databasePath);
        var importer = services.GetRequiredService<CostImporter>();
        var report = await importer.ImportAsync([csvPath], cancellationToken);
        watch.Stop();
        var file = report.Files.Single();
        if (file.Status != ImportStatus.Imported)
        {
            throw new InvalidOperationException($"import failed: {file.Error}");
        }

        return new IngestResult("ours", watch.Elapsed.TotalSeconds, PeakMemory.CpuSeconds(), file.Rows, file.Facts, PeakMemory.ReadPeakRssMegabytes());
    }

    /// <summary>Where an import's time goes: hashing the file, parsing it and observing data quality each alone, then the full import that overlaps them.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ProfileAsync(string csvPath, string databasePath, CancellationToken cancellationToken)
    {
        var phases = new Dictionary<string, double>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var cpu = PeakMemory.CpuSeconds();
        await using (var stream = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            await SHA256.HashDataAsync(stream, cancellationToken);
        }

        phases["sha256"] = watch.Elapsed.TotalSeconds;
        phases["sha256 CPU seconds"] = PeakMemory.CpuSeconds() - cpu;

        watch.Restart();
        cpu = PeakMemory.CpuSeconds();
        long rows = 0;
        foreach (var record in new FocusFileReader().Read(csvPath, FocusReadOptions.CostStore, cancellationToken))
        {
            rows += record.SourceLine > 0 ? 1 : 0;
        }

        phases["read (the columns the store keeps)"] = watch.Elapsed.TotalSeconds;
        phases["read CPU seconds"] = PeakMemory.CpuSeconds() - cpu;

        watch.Restart();
        cpu = PeakMemory.CpuSeconds();
        var analyzer = new DataQualityAnalyzer();
        foreach (var record in new FocusFileReader().Read(csvPath, FocusReadOptions.CostStore, cancellationToken))
        {
            analyzer.Observe(record);
        }

        _ = analyzer.Warnings();
        phases["read+quality"] = watch.Elapsed.TotalSeconds;
        phases["read+quality CPU seconds"] = PeakMemory.CpuSeconds() - cpu;

        // The import overlaps these: it hashes on a second thread while the store starts and the rows are read, and
        // rolls rows up on one thread while the next rows are parsed on another; alone they show each part's weight.
        var cpuBefore = PeakMemory.CpuSeconds();
        var full = await IngestAsync(csvPath, databasePath, cancellationToken);
        phases["full import (overlapping the above)"] = full.Seconds;
        phases["full import CPU seconds"] = full.CpuSeconds - cpuBefore;
        phases["rows"] = rows;
        return phases;
    }

    public static void DeleteDatabase(string databasePath)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(databasePath + suffix);
        }
    }
}

using FinOps.Storage.Allocation;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Loads <c>allocation.yaml</c> at start and re-checks it every <see cref="AllocationOptions.ReloadInterval"/>.</summary>
/// <remarks>
/// An invalid file at start stops the host with the file:line:column error. An invalid edit while running is logged
/// and ignored: the previous rules stay active until the file is fixed. Polling (rather than a file watcher) works the
/// same on every file system, including mounted volumes and editors that replace files.
/// </remarks>
public sealed class AllocationReloadService(
    AllocationReloader reloader,
    IOptions<AllocationOptions> options,
    TimeProvider timeProvider) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        reloader.Reload();
        if (reloader.LastError is { } error)
        {
            throw new InvalidOperationException("Allocation rules rejected: " + error);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReloadInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                reloader.Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}

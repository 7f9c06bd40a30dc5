using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FinOps.Teams.Activities;

/// <summary>Runs slow answers after the HTTP response has gone back to Teams; drains on shutdown.</summary>
public sealed partial class TeamsBackgroundWork(ILogger<TeamsBackgroundWork> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>();

    public void Enqueue(Func<CancellationToken, Task> work)
    {
        if (!_work.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("The Teams background queue is closed.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Items run concurrently (one slow answer must not hold up the others); shutdown waits for those running.
        var running = new ConcurrentDictionary<Task, byte>();
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                var task = RunAsync(work, stoppingToken);
                running.TryAdd(task, 0);
                _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host is stopping: fall through and let running work observe the token.
        }

        await Task.WhenAll(running.Keys);
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await work(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A failed answer is logged; it must not stop the queue.
            LogWorkFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background Teams work failed")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception);
}

using System.Diagnostics;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>The real executable (<c>dotnet FinOps.Bot.dll</c>) in a child process, as users and scripts run it.</summary>
public static class BotProcess
{
    public static async Task<BotProcessResult> RunAsync(IEnumerable<string> args, string? workingDirectory = null, string fileName = "dotnet", IEnumerable<string>? prefix = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in prefix ?? [Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll")])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test runner's own environment (Development, log levels) must not leak into the child.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"FinOps.Bot {string.Join(' ', args)} did not exit: {await stdout} {await stderr}");
        }

        return new BotProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Exit code and output of one run.</summary>
public sealed record BotProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

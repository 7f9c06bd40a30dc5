using System.Diagnostics;
using System.Text.Json;

namespace FinOps.Benchmarks;

/// <summary>Runs one side in a child process of this same program (so its peak RSS is its own) and reads back the one result line it prints.</summary>
public static class ChildProcess
{
    public const string ResultPrefix = "RESULT ";

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Prints <paramref name="result"/> as the child's result line.</summary>
    public static void Report<T>(T result) => Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, Json));

    public static T Run<T>(params string[] childArgs)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as "dotnet FinOps.Benchmarks.dll": the child needs the dll too.
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        start.ArgumentList.Add("child");
        foreach (var arg in childArgs)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        string? result = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = line[ResultPrefix.Length..];
            }
            else
            {
                Console.WriteLine("  | " + line);
            }
        }

        process.WaitForExit();
        if (process.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"child {string.Join(' ', childArgs)} exited with {process.ExitCode} and no result");
        }

        return JsonSerializer.Deserialize<T>(result, Json) ?? throw new InvalidOperationException("empty result");
    }
}

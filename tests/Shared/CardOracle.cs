using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FinOps.Testing;

/// <summary>Runs tests/oracles/check.mjs (Microsoft's own card libraries) over golden files or over cards the host produced. Linked into every test project that checks cards.</summary>
internal static class CardOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The message's <c>blocks</c> type-check against <c>KnownBlock[]</c> from <c>@slack/types</c>.</summary>
    public static void AssertValidBlockKit(JsonObject message) => AssertAccepted("slack", message);

    /// <summary>The card parses with Microsoft's <c>adaptivecards</c> (1.5, no events) and type-checks against <c>IAdaptiveCard</c>.</summary>
    public static void AssertValidAdaptiveCard(JsonObject card) => AssertAccepted("adaptive", card);

    private static void AssertAccepted(string mode, JsonObject document)
    {
        var directory = Path.Combine(Path.GetTempPath(), "finops-oracle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "host-reply.json"), document.ToJsonString());
            var (code, output) = Check(mode, directory);
            Assert.True(code == 0, $"The {mode} card oracle rejected what the host sent:\n{output}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static (int ExitCode, string Output) Check(string mode, string directory)
    {
        var oracles = FindOraclesDirectory();
        EnsureInstalled(oracles);
        var (code, output) = Run("node", oracles, "check.mjs", mode, directory);
        return (code, output);
    }

    private static void EnsureInstalled(string oracles)
    {
        using var mutex = new Mutex(false, "finops-card-oracles-npm");
        if (!mutex.WaitOne(Timeout))
        {
            throw new TimeoutException("Another test run is still installing the oracle npm packages.");
        }

        try
        {
            if (Directory.Exists(Path.Combine(oracles, "node_modules", "adaptivecards")) &&
                Directory.Exists(Path.Combine(oracles, "node_modules", "@slack", "types")))
            {
                return;
            }

            var (code, output) = Run("npm", oracles, "ci", "--no-audit", "--no-fund");
            if (code != 0)
            {
                throw new InvalidOperationException($"npm ci in {oracles} failed ({code}):\n{output}");
            }
        }
        finally
        {
            mutex.ReleaseMutex();
        }
    }

    private static (int ExitCode, string Output) Run(string command, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{command}' was not found. The card oracles need Node.js 20+ and npm on PATH (apt-get install nodejs npm).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{command} {string.Join(' ', arguments)} did not finish within {Timeout}.");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    private static string FindOraclesDirectory([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "oracles");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/oracles/package.json not found above " + thisFile);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FinOps.Testing;

/// <summary>
/// One storage emulator from tests/emulators (npm, installed by .ci/run) run by node on a free loopback port with a data folder
/// of its own; killed and its folder deleted on dispose. A missing emulator fails the test saying how to install it; it is never skipped.
/// </summary>
public sealed class NodeEmulatorProcess : IDisposable
{
    private readonly Process _process;

    /// <param name="name">The emulator's name in messages ("S3 emulator").</param>
    /// <param name="script">The script under tests/emulators/node_modules.</param>
    /// <param name="arguments">The script's arguments for a port and a data folder.</param>
    /// <param name="environment">Extra environment variables (e.g. accounts).</param>
    public NodeEmulatorProcess(string name, string script, Func<int, string, IEnumerable<string>> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var emulators = FindEmulatorsDirectory();
        var path = Path.Combine(emulators, "node_modules", script);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The {name} is not installed ({path} is missing): run .ci/run, or 'npm ci --prefix {emulators}', before the ingestion tests.");
        }

        DataFolder = Path.Combine(Path.GetTempPath(), "finops-emulators", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        Port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        foreach (var arg in arguments(Port, DataFolder))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"node could not be started for the {name}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(name);
    }

    public int Port { get; }

    public string DataFolder { get; }

    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // The emulator may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    private void WaitUntilListening(string name)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The {name} exited at start with code {_process.ExitCode}.");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"The {name} did not listen on 127.0.0.1:{Port} within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindEmulatorsDirectory([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "emulators");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/emulators (package.json) was not found above " + thisFile);
    }
}

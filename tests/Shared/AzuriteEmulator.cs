using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace FinOps.Testing;

/// <summary>
/// Azurite's Blob service (npm, installed into tests/emulators by .ci/run) on a free loopback port, with a storage account
/// whose key is generated here; stopped and its data deleted on dispose. Missing emulator: the test fails saying how to install it.
/// </summary>
public sealed class AzuriteEmulator : IDisposable
{
    public const string AccountName = "finopsexports";

    private readonly Process _process;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "finops-azurite", Guid.NewGuid().ToString("N"));

    public AzuriteEmulator()
    {
        var emulators = FindEmulatorsDirectory();
        var script = Path.Combine(emulators, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"The Azure Blob emulator is not installed ({script} is missing): run .ci/run, or 'npm ci --prefix {emulators}', before the ingestion tests.");
        }

        Directory.CreateDirectory(_data);
        AccountKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _data, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AZURITE_ACCOUNTS"] = $"{AccountName}:{AccountKey}";
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started for Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BlobEndpoint = $"http://127.0.0.1:{port}/{AccountName}";
        WaitUntilListening(port);
    }

    /// <summary>The account's key, generated for this emulator.</summary>
    public string AccountKey { get; }

    public string BlobEndpoint { get; }

    public string ConnectionString(string? accountKey = null) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={accountKey ?? AccountKey};BlobEndpoint={BlobEndpoint};";

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
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
                // The emulator may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    private void WaitUntilListening(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start with code {_process.ExitCode}.");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within 30 s.");
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

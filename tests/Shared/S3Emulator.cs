using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace FinOps.Testing;

/// <summary>
/// The s3rver S3 emulator (npm, installed into tests/emulators by .ci/run) on a free loopback port, with a data folder of its
/// own; stopped and deleted on dispose. Missing emulator: the test fails saying how to install it, it is never skipped.
/// </summary>
public sealed class S3Emulator : IDisposable
{
    /// <summary>The emulator's one account (fixed by s3rver; it refuses every other key).</summary>
    public const string AccessKeyId = "S3RVER";

    public const string SecretAccessKey = "S3RVER";

    private readonly Process _process;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "finops-s3rver", Guid.NewGuid().ToString("N"));

    public S3Emulator()
    {
        var emulators = FindEmulatorsDirectory();
        var script = Path.Combine(emulators, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"The S3 emulator is not installed ({script} is missing): run .ci/run, or 'npm ci --prefix {emulators}', before the ingestion tests.");
        }

        Directory.CreateDirectory(_data);
        var port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "-d", _data, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started for the S3 emulator.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ServiceUrl = $"http://127.0.0.1:{port}";
        WaitUntilListening(port);
        Client = CreateClient(AccessKeyId, SecretAccessKey);
    }

    public string ServiceUrl { get; }

    /// <summary>A client with the emulator's account, for laying out test exports.</summary>
    public AmazonS3Client Client { get; }

    public AmazonS3Client CreateClient(string accessKeyId, string secretAccessKey) =>
        new(new BasicAWSCredentials(accessKeyId, secretAccessKey), new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public async Task<string> CreateBucketAsync()
    {
        var bucket = "exports-" + Guid.NewGuid().ToString("N")[..12];
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    public Task PutAsync(string bucket, string key, byte[] content) =>
        Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(content), UseChunkEncoding = false });

    public Task DeleteAsync(string bucket, string key) => Client.DeleteObjectAsync(bucket, key);

    public void Dispose()
    {
        Client.Dispose();
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
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The S3 emulator exited at start with code {_process.ExitCode}.");
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

        throw new TimeoutException($"The S3 emulator did not listen on 127.0.0.1:{port} within 20 s.");
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

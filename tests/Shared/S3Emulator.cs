using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace FinOps.Testing;

/// <summary>
/// The s3rver S3 emulator (npm, installed into tests/emulators by .ci/run) on a free loopback port, with a data folder of its
/// own (<see cref="NodeEmulatorProcess"/>); stopped and deleted on dispose.
/// </summary>
public sealed class S3Emulator : IDisposable
{
    /// <summary>The emulator's one account (fixed by s3rver; it refuses every other key).</summary>
    public const string AccessKeyId = "S3RVER";

    public const string SecretAccessKey = "S3RVER";

    private readonly NodeEmulatorProcess _node;

    public S3Emulator()
    {
        _node = new NodeEmulatorProcess(
            "S3 emulator", Path.Combine("s3rver", "bin", "s3rver.js"), (port, data) => ["-d", data, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"]);
        ServiceUrl = $"http://127.0.0.1:{_node.PortText}";
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
        _node.Dispose();
    }
}

using System.Security.Cryptography;

namespace FinOps.Testing;

/// <summary>
/// Azurite's Blob service (npm, installed into tests/emulators by .ci/run) on a free loopback port, with a storage account
/// whose key is generated here; stopped and its data deleted on dispose. Missing emulator: the test fails saying how to install it.
/// </summary>
public sealed class AzuriteEmulator : IDisposable
{
    public const string AccountName = "finopsexports";

    private readonly NodeEmulatorProcess _node;

    public AzuriteEmulator()
    {
        AccountKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        _node = new NodeEmulatorProcess(
            "Azure Blob emulator",
            Path.Combine("azurite", "dist", "src", "blob", "main.js"),
            (port, data) => ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", data, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl"],
            new Dictionary<string, string> { ["AZURITE_ACCOUNTS"] = $"{AccountName}:{AccountKey}" });
        BlobEndpoint = $"http://127.0.0.1:{_node.PortText}/{AccountName}";
    }

    /// <summary>The account's key, generated for this emulator.</summary>
    public string AccountKey { get; }

    public string BlobEndpoint { get; }

    public string ConnectionString(string? accountKey = null) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={accountKey ?? AccountKey};BlobEndpoint={BlobEndpoint};";

    public void Dispose() => _node.Dispose();
}

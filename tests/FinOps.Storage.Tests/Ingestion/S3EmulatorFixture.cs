using FinOps.Testing;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>One S3 emulator per test class; each test uses a bucket of its own.</summary>
public sealed class S3EmulatorFixture : IDisposable
{
    public S3Emulator Emulator { get; } = new();

    public void Dispose() => Emulator.Dispose();
}

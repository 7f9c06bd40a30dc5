using FinOps.Testing;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>One Azurite per test class; each test uses a container of its own.</summary>
public sealed class AzuriteFixture : IDisposable
{
    public AzuriteEmulator Emulator { get; } = new();

    public void Dispose() => Emulator.Dispose();
}

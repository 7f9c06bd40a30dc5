using FinOps.Testing;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>One fake Cloud Storage server per test class; each test uses a bucket (and service account) of its own.</summary>
public sealed class FakeGcsServerFixture : IDisposable
{
    public FakeGcsServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}

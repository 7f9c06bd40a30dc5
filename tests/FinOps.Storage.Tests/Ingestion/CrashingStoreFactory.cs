using FinOps.Storage.Ingestion;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>Real stores whose stream of one key dies halfway, as a process killed mid-download would.</summary>
internal sealed class CrashingStoreFactory(IExportStoreFactory inner, string crashOnKey) : IExportStoreFactory
{
    public IExportStore Create(IngestionSourceOptions source) => new Store(inner.Create(source), crashOnKey);

    private sealed class Store(IExportStore inner, string crashOnKey) : IExportStore
    {
        public IAsyncEnumerable<ExportObject> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
        {
            var stream = await inner.OpenReadAsync(key, cancellationToken);
            if (key != crashOnKey)
            {
                return stream;
            }

            await using (stream)
            {
                var half = new byte[16];
                _ = await stream.ReadAsync(half, cancellationToken);
            }

            throw new SimulatedCrashException();
        }

        public void Dispose() => inner.Dispose();
    }
}

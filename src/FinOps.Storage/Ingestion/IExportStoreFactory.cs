namespace FinOps.Storage.Ingestion;

/// <summary>Opens a source's export location with the SDK of its kind.</summary>
internal interface IExportStoreFactory
{
    IExportStore Create(IngestionSourceOptions source);
}

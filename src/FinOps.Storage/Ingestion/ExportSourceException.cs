namespace FinOps.Storage.Ingestion;

/// <summary>An export location could not be listed or read (wrong credentials, missing bucket, unreachable service); the message names the source and holds no secret.</summary>
public sealed class ExportSourceException : Exception
{
    public ExportSourceException()
    {
    }

    public ExportSourceException(string message)
        : base(message)
    {
    }

    public ExportSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

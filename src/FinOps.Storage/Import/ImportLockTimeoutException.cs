namespace FinOps.Storage.Import;

/// <summary>Another import held the store's write lock for longer than <see cref="Data.CostDatabase.ImportLockTimeout"/>.</summary>
public sealed class ImportLockTimeoutException : Exception
{
    public ImportLockTimeoutException()
    {
    }

    public ImportLockTimeoutException(string message)
        : base(message)
    {
    }

    public ImportLockTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>Stands for the process dying at a chosen point: nothing catches it, so nothing after it runs.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

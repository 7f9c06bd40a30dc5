namespace FinOps.Storage.Import;

/// <summary>A file holds rows of a slice that this run found two conflicting versions of; the file is refused, not broken.</summary>
internal sealed class ContestedSliceException(string message) : Exception(message);

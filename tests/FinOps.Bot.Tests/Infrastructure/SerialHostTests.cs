namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>
/// Tests that build a host outside WebApplicationFactory run with nothing else in parallel: while a factory starts
/// its host it intercepts the next host built in the process, which could be theirs.
/// </summary>
[CollectionDefinition(nameof(SerialHostTests), DisableParallelization = true)]
public sealed class SerialHostTests;

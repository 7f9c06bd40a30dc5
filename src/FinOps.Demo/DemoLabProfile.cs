namespace FinOps.Demo;

/// <summary>The shape of a planted anomaly's daily quantity.</summary>
internal enum DemoLabProfile
{
    /// <summary>The same quantity every day.</summary>
    Constant,

    /// <summary>Grows by <see cref="DemoResource.Relative"/> of the scope's cost, compounding, every day.</summary>
    Leak,

    /// <summary>Rises linearly to its quantity over two weeks.</summary>
    Ramp,

    /// <summary><see cref="DemoResource.Relative"/> of the scope's cost every day.</summary>
    Relative,
}

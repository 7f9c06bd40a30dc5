namespace FinOps.Bot.Cli;

/// <summary>The executable's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work failed (a file was rejected, the store or a port could not be used, a setting is invalid).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown verb or option, missing value, extra argument.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGTERM or Ctrl+C before the verb finished (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}

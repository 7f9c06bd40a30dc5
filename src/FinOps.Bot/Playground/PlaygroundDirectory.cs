namespace FinOps.Bot.Playground;

/// <summary>Who can be chosen in the playground and which example questions it suggests.</summary>
public sealed class PlaygroundDirectory
{
    public PlaygroundDirectory(IReadOnlyList<PlaygroundUser> users, IReadOnlyList<string> examples)
    {
        if (users.Count == 0)
        {
            throw new ArgumentException("The playground needs at least one user.", nameof(users));
        }

        Users = users;
        Examples = examples;
    }

    public IReadOnlyList<PlaygroundUser> Users { get; }

    public IReadOnlyList<string> Examples { get; }

    public PlaygroundUser? Find(string? id) =>
        id is null ? Users[0] : Users.FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.Ordinal));
}

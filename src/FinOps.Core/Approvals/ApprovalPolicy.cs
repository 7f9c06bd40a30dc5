using FinOps.Core.People;

namespace FinOps.Core.Approvals;

/// <summary>Who decides a request, from the company directory: the approver chain, escalation and the self-approval rule.</summary>
/// <remarks>
/// The chain is the team's owners and approvers, then finance when the amount is above
/// <see cref="ApprovalOptions.FinanceApprovalAbove"/>, in that order; each step needs one approval. An unanswered step is
/// escalated up the ladder owner, finance, admin: each escalation lets the next level decide that step too. A person who
/// approves a step and also belongs to the next one approves that one as well (finance approving an escalated owner step
/// does not have to click twice).
/// </remarks>
public sealed class ApprovalPolicy(ApprovalOptions options)
{
    private static readonly ApproverRole[] Ladder = [ApproverRole.Owner, ApproverRole.Finance, ApproverRole.Admin];

    public ApprovalOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The steps a request of <paramref name="amount"/> for <paramref name="team"/> goes through.</summary>
    public IReadOnlyList<ApproverStep> Chain(CompanyDirectory directory, string team, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var steps = new List<ApproverStep> { new(ApproverRole.Owner, People(directory, team, ApproverRole.Owner)) };
        if (Options.FinanceApprovalAbove is { } above && amount > above)
        {
            steps.Add(new ApproverStep(ApproverRole.Finance, People(directory, team, ApproverRole.Finance)));
        }

        return steps;
    }

    /// <summary>Who may decide the current step of <paramref name="request"/> now (the step's people plus escalation levels).</summary>
    public IReadOnlyList<Person> Deciders(CompanyDirectory directory, ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var chain = Chain(directory, request.Team, request.EffectiveAmount);
        var step = chain[Math.Min(request.Step, chain.Count - 1)];
        var people = new List<Person>(step.People);
        foreach (var role in Escalated(step.Role, request.Escalations))
        {
            people.AddRange(People(directory, request.Team, role));
        }

        return [.. people.DistinctBy(p => p.Key)];
    }

    /// <summary>The level the next escalation of <paramref name="request"/> would add, or null at the top of the ladder.</summary>
    public ApproverRole? NextEscalation(CompanyDirectory directory, ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var chain = Chain(directory, request.Team, request.EffectiveAmount);
        var role = chain[Math.Min(request.Step, chain.Count - 1)].Role;
        var index = Array.IndexOf(Ladder, role) + request.Escalations + 1;
        return index < Ladder.Length ? Ladder[index] : null;
    }

    /// <summary>Why <paramref name="person"/> may not decide the current step, or null when they may.</summary>
    public string? CannotDecide(CompanyDirectory directory, ApprovalRequest request, Person? person)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (person is null)
        {
            return "You are not in the company directory, so you can't approve this.";
        }

        if (!Deciders(directory, request).Any(p => p.Key == person.Key))
        {
            return "You can't approve this: only the request's approvers can decide it.";
        }

        if (!Options.AllowSelfApproval && person.Key == request.Requester.Key)
        {
            return "You can't approve your own request.";
        }

        return null;
    }

    /// <summary>Why <paramref name="person"/> may not request an increase for <paramref name="team"/>, or null when they may.</summary>
    public static string? CannotRequest(CompanyDirectory directory, string team, Person? person)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (person is null)
        {
            return "You are not in the company directory, so you can't request a budget increase.";
        }

        var isTeam = directory.TeamsOf(person).Contains(team, StringComparer.OrdinalIgnoreCase);
        return isTeam || directory.HasRole(person, CompanyRole.Finance) || directory.HasRole(person, CompanyRole.Admin)
            ? null
            : $"You can request increases only for your own team's budget, and you are not in {team}.";
    }

    private static IEnumerable<ApproverRole> Escalated(ApproverRole role, int escalations) =>
        Ladder.SkipWhile(r => r != role).Skip(1).Take(escalations);

    private static IReadOnlyList<Person> People(CompanyDirectory directory, string team, ApproverRole role) => role switch
    {
        ApproverRole.Owner => directory.FindTeam(team) is { } t ? [.. t.Owners.Concat(t.Approvers).DistinctBy(p => p.Key)] : [],
        ApproverRole.Finance => [.. directory.People.Where(p => directory.HasRole(p, CompanyRole.Finance))],
        ApproverRole.Admin => [.. directory.People.Where(p => directory.HasRole(p, CompanyRole.Admin))],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown approver role."),
    };
}

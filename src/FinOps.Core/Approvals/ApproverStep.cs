using FinOps.Core.People;

namespace FinOps.Core.Approvals;

/// <summary>One level of a request's approver chain: its role and the people who hold it.</summary>
public sealed record ApproverStep(ApproverRole Role, IReadOnlyList<Person> People);

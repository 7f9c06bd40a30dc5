using System.Reflection;

namespace FinOps.Bot.Tests;

/// <summary>Dependencies point inward: Core &lt;- Conversation &lt;- {Teams, Slack}; Core &lt;- Storage; Bot -> everything.</summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string, string[], string[]> Rules => new()
    {
        { "FinOps.Core", [], ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Quartz"] },
        { "FinOps.Conversation", ["FinOps.Core"], ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Quartz"] },
        { "FinOps.Storage", ["FinOps.Core"], ["Microsoft.AspNetCore", "Quartz"] },
        { "FinOps.Teams", ["FinOps.Core", "FinOps.Conversation"], ["Microsoft.EntityFrameworkCore", "Quartz"] },
        { "FinOps.Slack", ["FinOps.Core", "FinOps.Conversation"], ["Microsoft.EntityFrameworkCore", "Quartz"] },

        // The demo company stands apart: no production project references it, only the host's demo-data verb and seeding.
        { "FinOps.Demo", [], ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Quartz"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Assembly_References_OnlyAllowedProjectsAndFrameworks(string assemblyName, string[] allowedProjects, string[] forbiddenPrefixes)
    {
        var assembly = Assembly.Load(assemblyName);
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var projects = references.Where(r => r.StartsWith("FinOps.", StringComparison.Ordinal)).ToList();
        Assert.All(projects, p => Assert.Contains(p, allowedProjects));
        Assert.All(references, r => Assert.DoesNotContain(forbiddenPrefixes, f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("FinOps.Core")]
    [InlineData("FinOps.Conversation")]
    [InlineData("FinOps.Storage")]
    [InlineData("FinOps.Teams")]
    [InlineData("FinOps.Slack")]
    public void ProductionProjects_DoNotReferenceTheDemo(string assemblyName)
    {
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("FinOps.Demo", references);
    }

    [Fact]
    public void BotHost_References_EveryProject()
    {
        var references = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("FinOps.Core", references);
    }
}

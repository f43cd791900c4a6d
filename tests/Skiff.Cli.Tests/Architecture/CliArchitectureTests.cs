using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Skiff.Cli.Tests.Architecture;

/// <summary>The CLI is a client of the server's API: its wire documents come from Core, and only <c>skiff serve</c> uses the server itself.</summary>
public sealed class CliArchitectureTests
{
    [Fact]
    public void Only_skiff_serve_depends_on_the_server() =>
        Types().That().ResideInNamespaceOrBelow("Skiff.Cli").And().AreNot(typeof(Skiff.Cli.Commands.ServeCommand))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("Skiff.Server"))
            .Check(new ArchLoader().LoadAssemblies(typeof(Skiff.Cli.Commands.ServeCommand).Assembly, typeof(Skiff.Server.Hosting.SkiffServer).Assembly).Build());
}

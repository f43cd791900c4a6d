using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Skiff.Server.Tests.Architecture;

/// <summary>
/// The rooms of the code and the way their doors open: no folder of the server and no folder of
/// Core imports another that imports it back, Core depends on no driver and no server, and a
/// driver on no server.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader().LoadAssemblies(
        typeof(Skiff.Server.Hosting.SkiffServer).Assembly,
        typeof(Skiff.Core.Specs.AppSpec).Assembly,
        typeof(Skiff.Runtime.Docker.DockerDriver).Assembly).Build();

    [Fact]
    public void The_folders_of_the_server_import_each_other_without_a_loop() =>
        SliceRuleDefinition.Slices().Matching("Skiff.Server.(*)").Should().BeFreeOfCycles().Check(Code);

    [Fact]
    public void The_folders_of_core_import_each_other_without_a_loop() =>
        SliceRuleDefinition.Slices().Matching("Skiff.Core.(**)").Should().BeFreeOfCycles().Check(Code);

    [Fact]
    public void Core_depends_on_no_driver_and_no_server() =>
        Types().That().ResideInNamespaceOrBelow("Skiff.Core")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("Skiff.Server").Or().ResideInNamespaceOrBelow("Skiff.Runtime"))
            .Check(Code);

    [Fact]
    public void A_driver_depends_on_no_server() =>
        Types().That().ResideInNamespaceOrBelow("Skiff.Runtime")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("Skiff.Server"))
            .Check(Code);

    [Fact]
    public void Desired_state_is_written_only_by_the_one_writer() =>
        Types().That().AreNot(typeof(Skiff.Server.Environments.DesiredStateWriter))
            .Should().NotCallAny(MethodMembers().That().HaveFullNameContaining("EnvironmentStore::ApplyDesiredAsync(")
                .Or().HaveFullNameContaining("EnvironmentStore::RequestRunningAsync(")
                .Or().HaveFullNameContaining("PullRequestRecorder::RecordAsync("))
            .Check(Code);

    [Fact]
    public void The_server_talks_to_runtimes_only_through_the_runtime_contract() =>
        Types().That().ResideInNamespaceOrBelow("Skiff.Server")
            .And().DoNotResideInNamespaceOrBelow("Skiff.Server.Runtime").And().DoNotResideInNamespaceOrBelow("Skiff.Server.Hosting")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("Skiff.Runtime")
                .Or().Are(typeof(Skiff.Core.Runtime.IContainerEngine), typeof(Skiff.Core.Deploy.EnvironmentDeployer)))
            .Check(Code);
}

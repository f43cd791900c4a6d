using Skiff.Core.Specs;

namespace Skiff.Core.Tests.Specs;

public class PublicServiceTests
{
    private static ServiceSpec Service(string name, params int[] ports) =>
        new() { Name = name, Image = "x", Ports = [.. ports.Select(p => new PortSpec(p))] };

    [Fact]
    public void Explicit_public_wins()
    {
        var spec = new AppSpec { Name = "a", SourceDirectory = "/", Services = [Service("web", 80)], Settings = new SkiffSettings { PublicService = "admin" } };
        Assert.Equal("admin", spec.ResolvePublicService());
    }

    [Fact]
    public void Otherwise_the_first_service_with_a_port_that_is_not_a_known_non_http_port()
    {
        var spec = new AppSpec
        {
            Name = "a",
            SourceDirectory = "/",
            Services = [Service("worker"), Service("db", 5432), Service("cache", 6379), Service("search", 9200), Service("web", 80)],
        };
        Assert.Equal("search", spec.ResolvePublicService());
    }

    [Fact]
    public void Udp_ports_are_not_http()
    {
        var dns = new ServiceSpec { Name = "vpn", Image = "x", Ports = [new PortSpec(51820, Protocol: "udp")] };
        Assert.Null(new AppSpec { Name = "a", SourceDirectory = "/", Services = [dns, Service("db", 3306)] }.ResolvePublicService());
    }

    [Fact]
    public void Public_is_left_unset_by_the_loader_when_not_given()
    {
        var spec = TempRepo.LoadComposeOk("services:\n  db:\n    image: postgres\n    ports: [\"5432:5432\"]\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n");
        Assert.Null(spec.Settings.PublicService);
        Assert.Equal("web", spec.ResolvePublicService());
    }
}

using System.Net;
using Docker.DotNet;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker.Tests.Engine;

public sealed class EngineErrorsTests
{
    [Fact]
    public void The_engine_message_is_taken_from_its_json_body_on_one_line()
    {
        var error = new DockerApiException(HttpStatusCode.NotFound,
            "{\"cause\":\"no such container\",\"message\":\"no container with name or ID \\\"x\\\" found:\\nno such container\",\"response\":404}\n");

        var mapped = EngineErrors.ToDriverException(error, "inspect container x", new Uri("unix:///run/podman/podman.sock"));

        Assert.Equal("cannot inspect container x: no container with name or ID \"x\" found: no such container", mapped.Message);
        Assert.Same(error, mapped.InnerException);
    }

    [Fact]
    public void A_body_that_is_not_json_is_used_as_it_is()
    {
        Assert.Equal("page not found", EngineErrors.Describe(new DockerApiException(HttpStatusCode.NotFound, "page not found\n")));
        Assert.Equal("the engine answered 500 InternalServerError", EngineErrors.Describe(new DockerApiException(HttpStatusCode.InternalServerError, "")));
    }

    [Fact]
    public void A_transport_failure_names_the_endpoint()
    {
        var error = new HttpRequestException("Connection failed.", new IOException("Connection refused"));

        var mapped = EngineErrors.ToDriverException(error, "list containers", new Uri("unix:///var/run/docker.sock"));

        Assert.Equal("cannot list containers: no container engine answers at unix:///var/run/docker.sock (Connection refused)", mapped.Message);
    }
}

using System.Text.Json;
using InvitationKit.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>Issue 20: a host's own endpoint that returns a kit type writes it as the kit's endpoints do.</summary>
public sealed class HostJsonTests
{
    private static readonly InvitationView View = new()
    {
        Id = Guid.NewGuid(),
        AccountId = "acme",
        ProductId = "cloud",
        Email = "bob@example.com",
        Status = InvitationStatus.Pending,
        Kind = InvitationKind.NewUser,
        Roles = ["VIEWER"],
        GrantsOwner = false,
        InvitedBy = "owner",
        CreatedAt = Instant.FromUtc(2026, 3, 1, 12, 0),
        ExpiresAt = Instant.FromUtc(2026, 3, 8, 12, 0),
        Delivery = DeliveryState.Sent,
    };

    [Fact]
    public async Task A_host_minimal_api_endpoint_returning_an_InvitationView_writes_its_instants_as_ISO_strings_not_empty_objects()
    {
        await using var host = await KitHost.StartAsync(
            services: s => s.ConfigureHttpJsonOptions(o => o.SerializerOptions.AddInvitationKitConverters()),
            pipeline: app => app.MapGet("/mine", () => Results.Ok(new { invitation = View, hostDay = DayOfWeek.Monday })));

        using var json = JsonDocument.Parse(await host.Client.GetStringAsync("/mine"));
        var invitation = json.RootElement.GetProperty("invitation");
        Assert.Equal("2026-03-01T12:00:00Z", invitation.GetProperty("createdAt").GetString());
        Assert.Equal("2026-03-08T12:00:00Z", invitation.GetProperty("expiresAt").GetString());
        Assert.Equal(JsonValueKind.Null, invitation.GetProperty("resolvedAt").ValueKind);
        Assert.Equal("Pending", invitation.GetProperty("status").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("hostDay").GetInt32()); // the host's own enums are left as the host chose
    }

    [Fact]
    public void Adding_the_converters_twice_adds_them_once_and_they_read_what_they_write()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web).AddInvitationKitConverters().AddInvitationKitConverters();
        Assert.Equal(2, options.Converters.Count);
        var written = JsonSerializer.Serialize(View, options);
        Assert.Equal(View.ExpiresAt, JsonSerializer.Deserialize<InvitationView>(written, options)!.ExpiresAt);
    }
}

using System.Text.Json;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>Lets a host's own endpoints write the kit's types as the kit's endpoints do.</summary>
public static class InvitationKitJsonSerializerOptionsExtensions
{
    /// <summary>
    /// Adds the kit's converters: NodaTime's <c>Instant</c> as ISO-8601 UTC (<c>2026-03-01T12:00:00Z</c>, not <c>{}</c>)
    /// and the kit's enums (such as <see cref="InvitationStatus"/>) as their names. The host's own enums are left as
    /// they are. Minimal APIs:
    /// <c>builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AddInvitationKitConverters());</c>
    /// </summary>
    /// <param name="options">The host's options, not yet in use.</param>
    /// <returns>The same options.</returns>
    public static JsonSerializerOptions AddInvitationKitConverters(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Converters.OfType<InvitationKitJson.InstantConverter>().Any())
        {
            options.Converters.Add(new InvitationKitJson.InstantConverter());
            options.Converters.Add(new InvitationKitJson.KitEnumConverter());
        }

        return options;
    }
}

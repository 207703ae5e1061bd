using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// How the endpoints write their answers, whatever the host's JSON options: web defaults (camelCase), enums as names,
/// instants as ISO-8601 UTC (<c>2026-03-01T12:00:00Z</c>).
/// </summary>
internal static class InvitationKitJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new InstantConverter() },
    };

    /// <summary>Writes the kit's enums (and only those) as names, leaving the host's own enums as the host chose.</summary>
    internal sealed class KitEnumConverter : JsonConverterFactory
    {
        private static readonly JsonStringEnumConverter Names = new();

        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum && typeToConvert.Assembly == typeof(InvitationStatus).Assembly;

        public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) => Names.CreateConverter(typeToConvert, options);
    }

    internal sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString() ?? string.Empty).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}

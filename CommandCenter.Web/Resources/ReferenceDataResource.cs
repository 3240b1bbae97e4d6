namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the administrators' reference-data page: ReferenceDataResource.resx holds the Chinese (zh-CN,
/// the neutral language) and ReferenceDataResource.en.resx the English text.
/// </summary>
public sealed class ReferenceDataResource;

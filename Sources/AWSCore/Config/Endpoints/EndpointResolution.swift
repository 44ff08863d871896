/// Chooses a service's endpoint: `--endpoint-url` > `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` > the
/// profile's `[services NAME]` block for the service > the profile's `endpoint_url` > the partition's default.
///
/// Order from botocore's `ConfiguredEndpointProvider.provide` and `ClientArgsCreator._compute_configured_endpoint_url`
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). `ignore_configured_endpoint_urls`
/// skips every configured source except `--endpoint-url`.
struct EndpointResolution {
    let commandLine: AWSCommandLineOverrides
    let lookup: SettingLookup
    let shared: AWSSharedConfig
    let settings: EndpointSettings

    func resolve(service: AWSServiceID, region: String) throws -> ResolvedEndpoint {
        let partition = AWSPartition.containing(region: region)
        if let configured = try configuredURL(for: service) {
            let url: EndpointURL
            do throws(EndpointURLProblem) {
                url = try EndpointURL(validating: configured.value)
            } catch {
                throw EndpointResolutionError.invalidURL(url: configured.value, origin: configured.origin, problem: error)
            }
            return ResolvedEndpoint(
                service: service, url: url, signingRegion: region, partition: partition, origin: configured.origin)
        }
        let standard = DefaultEndpoint.resolve(
            service: service, region: region, partition: partition, useFIPS: settings.useFIPS.value,
            useDualStack: settings.useDualStack.value, stsRegionalEndpoints: settings.stsRegionalEndpoints.value)
        // The default endpoint is built from a validated region, so it always parses.
        let url = try EndpointURL(validating: standard.url)
        return ResolvedEndpoint(
            service: service, url: url, signingRegion: standard.signingRegion, partition: partition, origin: .default)
    }

    /// The first configured endpoint URL, or `nil` for the default endpoint.
    private func configuredURL(for service: AWSServiceID) throws -> ResolvedSetting<String>? {
        if let option = AWSCommandLineOverrides.setting(commandLine.endpointURL, option: "--endpoint-url") { return option }
        if settings.ignoreConfiguredEndpointURLs.value { return nil }
        if let fromEnvironment = lookup.environment(service.endpointEnvironmentVariable, "AWS_ENDPOINT_URL") {
            return fromEnvironment
        }
        if let fromServices = try servicesSectionURL(for: service) { return fromServices }
        return try lookup.profile("endpoint_url")
    }

    /// `endpoint_url` in the service's block of the `[services NAME]` section the profile names.
    private func servicesSectionURL(for service: AWSServiceID) throws -> ResolvedSetting<String>? {
        guard let name = try lookup.profile("services") else { return nil }
        guard let section = shared.configFile?.servicesSection(named: name.value), !section.entries.isEmpty else {
            throw EndpointResolutionError.servicesSectionNotFound(name, profile: lookup.profile.name)
        }
        guard let entry = section[service.servicesSectionKey] else { return nil }
        guard let block = entry.value.subsection else {
            throw EndpointResolutionError.servicesEntryNotSubsection(service: service, location: entry.location)
        }
        // Keys inside a block keep their case in botocore (`_parse_nested`), so only `endpoint_url` matches.
        guard let url = block.last(where: { $0.key == "endpoint_url" }), let text = url.value.text, !text.isEmpty else {
            return nil
        }
        return ResolvedSetting(text, from: .configFile(url.location))
    }
}

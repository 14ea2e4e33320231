import Testing
import Wire

@Suite struct LinkTypeTests {
    @Test(arguments: [LinkType.linuxSLL, .linuxSLL2])
    func cookedCapturesAreCooked(linkType: LinkType) {
        #expect(linkType.isCooked)
        #expect(linkType.isSupported)
        #expect(!linkType.isRawIP)
    }

    @Test(arguments: [LinkType.null, .ethernet, .rawLegacy12, .rawLegacy14, .raw, .loop, .ipv4, .ipv6, LinkType(rawValue: 147)])
    func otherLinkTypesAreNotCooked(linkType: LinkType) {
        #expect(!linkType.isCooked)
    }
}

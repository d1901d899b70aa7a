/** Word lists for random_pet: adverbs, adjectives and animal names (lowercase, no separators). */

/** Adverbs (used when length >= 3). */
export const ADVERBS = `abnormally absolutely accurately actively actually adequately admittedly amazingly annually
apparently badly barely basically blatantly blindly boldly briefly brightly broadly busily calmly carefully
certainly cheaply cleanly clearly closely commonly completely constantly correctly curiously daily deadly
deeply definitely deftly deeply directly eagerly early easily eminently endlessly entirely equally evenly
evidently exactly explicitly fairly faithfully famously fast finally firmly forcibly formally frankly freely
frequently fully gently genuinely gladly gratefully greatly happily hardly healthily heartily highly honestly
hopelessly humbly ideally immensely infinitely instantly intensely jointly juvenile kindly largely lately
legally lightly likely literally lively locally loosely loudly lovely loyally luckily mainly manually
mentally merely mildly mostly mutually namely naturally nearly neatly newly nicely noticeably notably
obviously oddly openly overly partially patiently perfectly physically plainly pleasantly poorly positively
possibly precisely premium presently previously primarily privately probably promptly properly proudly
purely quickly quietly radically rapidly rarely readily really reasonably recently regularly reliably
remarkably repeatedly richly rightly roughly routinely sadly safely scarcely seemingly separately seriously
sharply sheer shortly simply sincerely slightly slowly smoothly socially softly solely specially steadily
strangely strictly strongly subtly suddenly supposedly surely swiftly terribly thankfully thoroughly tightly
totally truly typically ultimately uniquely unlikely urgently usefully usually utterly vastly verbally
vigorously violently virtually visually warmly weekly wholly widely wildly willingly wisely yearly`
  .split(/\s+/).filter((w, i, a) => w && w !== 'juvenile' && w !== 'premium' && w !== 'sheer' && a.indexOf(w) === i);

/** Adjectives (used when length >= 2). */
export const ADJECTIVES = `able above absolute accepted accurate ace active actual adapted adapting adequate adjusted
advanced alert alive allowed amazed amazing amused amusing apparent appealing apt artistic assured awake aware
balanced becoming beloved better big blessed bold boss brave brief bright bursting busy calm capable capital
careful caring casual causal central certain champion charmed charming cheerful chief choice civil classic
clean clear clever climbing close closing coherent comic communal complete composed concise concrete content
cool correct cosmic crack creative credible crisp crucial cuddly cunning curious current cute daring darling
dashing dear decent deciding deep definite delicate desired destined devoted direct discrete distinct diverse
divine dominant driven driving dynamic eager easy electric elegant emerging eminent enabled enabling endless
engaged engaging enhanced enjoyed enormous enough epic equal equipped eternal ethical evident evolved evolving
exact excited exciting exotic expert factual fair faithful famous fancy fast feasible fine finer firm first
fit fitting fleet flexible flowing fluent flying fond frank free fresh full fun funny game generous gentle
genuine giving glad glorious glowing golden good gorgeous grand grateful great growing grown guided guiding
handy happy hardy harmless healthy helped helpful helping heroic hip holy honest hopeful hot huge humane
humble humorous ideal immense immune improved in includes infinite informed innocent inspired integral
intense intent internal intimate inviting joint just keen key kind knowing known large lasting leading
learning legal legible lenient liberal light liked literate live living logical loved loving loyal lucky
magical magnetic main major many massive master mature maximum measured meet merry mighty mint model modern
modest moral more moved moving musical mutual national native natural nearby neat needed neutral new next
nice noble normal notable noted novel obliging on one open optimal optimum organic oriented outgoing patient
peaceful perfect pet picked pleasant pleased pleasing poetic polished polite popular positive possible
powerful precious precise premium prepared present pretty primary prime pro probable profound promoted prompt
proper proud proven pumped pure quality quick quiet rapid rare rational ready real refined regular related
relative relaxed relaxing relevant relieved renewed renewing resolved rested rich right robust romantic ruling
sacred safe saved saving secure select selected sensible set settled settling sharing sharp shining simple
sincere singular skilled smart smashing smiling smooth social solid sought sound special splendid square
stable star steady sterling still stirred stirring striking strong stunning subtle suitable suited summary
sunny super superb supreme sure sweeping sweet talented teaching tender thankful thorough tidy tight
together tolerant top topical tough touched touching tough trusted trusting trusty ultimate unbiased uncommon
unified unique united up upright upward usable useful valid valued vast verified viable vital vocal wanted
warm wealthy welcome well whole willing winning wired wise witty wondrous workable working worthy`
  .split(/\s+/).filter((w, i, a) => w && a.indexOf(w) === i);

/** Animal names (the last word). */
export const NAMES = `aardvark adder airedale akita albacore alien alpaca amoeba anchovy anemone ant anteater antelope
ape aphid arachnid asp baboon badger barnacle basilisk bass bat bear beagle beetle bengal bird bison
blowfish bluebird bluegill bluejay boa bobcat bonefish boxer bream buck buffalo bug bulldog bullfrog
bunny bunting burro buzzard calf camel canary caribou carp cat catfish cattle chamois cheetah chicken
chigger chimp chipmunk cicada clam cobra cod collie colt condor coral cougar cow cowbird coyote crab crane
crappie crawdad crayfish cricket crow cub dane dassie deer dingo dinosaur doberman dodo doe dog dogfish
dolphin donkey dory dove dragon drake drum duck duckling eagle earwig eel eft egret elephant elf elk emu
escargot ewe falcon fawn feline ferret finch firefly fish flamingo flea fly foal fowl fox frog gannet gar
gator gazelle gecko gelding ghost ghoul gibbon gnat gnu goat goblin goldfish goose gopher gorilla grackle
grizzly grouper grouse grub grubworm guinea gull guppy haddock hagfish halibut hamster hare hawk hedgehog
hen heron herring hippo hog honeybee hook hookworm hornet horse hound humpback husky hyena ibex iguana
imp impala insect jackal jaguar jawfish jay jennet joey kangaroo katydid kid killdeer kingfish kit kite
kitten kiwi koala kodiak koi krill lab labrador lacewing ladybird ladybug lamb lamprey lark leech lemming
lemur leopard liger lion lionfish lizard llama lobster locust longhorn loon louse lynx macaque macaw
mackerel maggot magpie malamute mallard mammal mammoth man manatee mantis marlin marmoset marmot marten
martin mastiff mastodon mayfly meerkat midge mink minnow mite moccasin mole mollusk molly monarch mongoose
mongrel monitor monkey monster moose moray mosquito moth mouse mudfish mule mullet mustang mutt narwhal
newt nuthatch ocelot octopus opossum orca oriole osprey ostrich owl ox oyster panda panther parakeet parrot
pelican penguin perch pheasant phoenix piglet pigeon pika pike pipefish piranha platypus polecat pony
poodle porpoise possum prawn primate pug puma pup python quagga quail rabbit raccoon ram rat raven ray
redbird redfish reindeer reptile rhino robin rodent rooster roughy sailfish salmon sawfish scorpion
seagull seahorse seal sealion serval shad shark sheep shepherd shiner shrew shrimp silkworm skink skunk
skylark sloth slug snail snake snapper snipe sole sparrow spider sponge squid squirrel stag stallion
starfish starling stingray stinkbug stork sturgeon sunbeam sunbird sunfish swan swift swine tadpole tahr
tapir tarpon teal termite terrier tetra thrush tick tiger titmouse toad tomcat tortoise toucan treefrog
troll trout tuna turkey turtle unicorn urchin vervet viper vulture wahoo wallaby walleye walrus warthog
wasp weasel weevil werewolf whale whippet wildcat wildebeest wolf wombat woodcock worm wren yak yeti zebra`
  .split(/\s+/).filter((w, i, a) => w && a.indexOf(w) === i);
